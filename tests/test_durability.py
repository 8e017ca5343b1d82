import threading
import time

from kg.store.durability import GroupCommit


def test_each_writer_waits_for_a_flush_after_its_commit():
    flushed_upto = []
    commits = None

    def flush():
        time.sleep(0.01)
        flushed_upto.append(commits._committed)

    commits = GroupCommit(flush)
    seen = []

    def writer():
        seq = commits.committed()
        commits.wait_durable(seq)
        seen.append((seq, flushed_upto[-1]))

    threads = [threading.Thread(target=writer) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 16
    assert all(upto >= seq for seq, upto in seen)  # never returns before its flush
    assert len(flushed_upto) < 16  # concurrent writers shared flushes


def test_a_failed_flush_is_raised_and_retried():
    calls = []

    def flush():
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk full")

    commits = GroupCommit(flush)
    seq = commits.committed()
    try:
        commits.wait_durable(seq)
        raise AssertionError("expected the flush error")
    except OSError:
        pass
    commits.wait_durable(seq)
    assert len(calls) == 2
