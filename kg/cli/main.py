"""The `kg` command: one Typer app; errors become one line on stderr and an exit code."""

import sys

import typer

from kg.cli import ask, data, export, serve, tokens
from kg.cli.common import err, quiet_libraries
from kg.errors import (
    InvalidInput,
    KGError,
    NotFound,
    QuerySyntaxError,
    StoreUnavailable,
    UnsupportedFormat,
)

app = typer.Typer(
    help="The NHS groups evidence graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
for command in (
    data.load,
    data.validate,
    data.stats,
    data.dump,
    data.restore,
    data.synth,
    ask.query,
    ask.gaps,
    ask.claims,
    ask.benefits,
    export.export,
    serve.serve,
):
    app.command()(command)
app.command("import")(data.import_)
app.add_typer(tokens.app, name="token")

# Exit codes: 1 a check failed (kg validate), 2 bad input, 3 store unavailable, 4 other error.
_EXIT = {
    InvalidInput: 2,
    NotFound: 2,
    QuerySyntaxError: 2,
    UnsupportedFormat: 2,
    StoreUnavailable: 3,
}


def one_line(exc: KGError) -> str:
    """The error as one line: what, and the first place it is wrong."""
    text = exc.detail
    if isinstance(exc, InvalidInput) and exc.problems:
        first = exc.problems[0]
        more = f" (+{len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        text = f"{text}: {first.where}: {first.message}{more}"
    elif isinstance(exc, UnsupportedFormat):
        text = f"{text} (supported: {', '.join(exc.supported)})"
    return " ".join(text.split())


def run() -> None:
    """Entry point of the `kg` console script."""
    quiet_libraries()
    try:
        # Without standalone mode click returns the code of a typer.Exit instead of exiting.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except KGError as exc:
        err.print(f"kg: error: {one_line(exc)}", markup=False, highlight=False)
        sys.exit(_EXIT.get(type(exc), 4))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("kg: aborted")
        sys.exit(130)
    except Exception as exc:  # usage errors and anything unexpected: still one line
        # Typer's usage errors are click exceptions, from whichever click it bundles.
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            err.print(
                f"kg: error: {' '.join(exc.format_message().split())}",
                markup=False,
                highlight=False,
            )
            sys.exit(exc.exit_code)
        err.print(f"kg: internal error: {type(exc).__name__}: {exc}", markup=False)
        sys.exit(4)


if __name__ == "__main__":
    run()
