"""Less per document (issue 14): a record is serialised once for the journal and the manifest, and a
rendered part equal to the previous document's is not deflated again; the outputs stay the same."""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict, fields
from pathlib import Path

from draftgen.batch import MANIFEST_FIELDS, BatchOptions, Record, run_batch

from .helpers import write_inputs


def test_a_record_reads_as_its_fields() -> None:
    assert [f.name for f in fields(Record)] == MANIFEST_FIELDS
    record = Record("00070", "Phường Hoàn Kiếm", 2, "units.csv", "00070.docx", "ab", "cd", "created")
    assert record.json() == json.dumps(asdict(record), ensure_ascii=False)
    record.status, record.error = "failed", "không ghi được tệp"
    assert json.loads(record.json()) == asdict(record)  # changed after it was serialised: serialised again


def test_documents_open_and_keep_their_parts(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path)
    out = tmp_path / "out"
    result = run_batch(BatchOptions(letter, str(units), out))
    assert not result.failed
    footers = set()
    for record in result.records:
        with zipfile.ZipFile(out / record.file) as archive:
            assert archive.testzip() is None
            footers.add(archive.read("word/footer1.xml"))
            assert record.name.encode() in archive.read("word/document.xml")
    assert len(footers) == 1
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [d["code"] for d in manifest["documents"]] == [r.code for r in result.records]
    assert manifest["documents"][0] == asdict(result.records[0])


def test_journal_of_a_chunk_cut_by_a_full_disk(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """One write per chunk: when the disk takes only part of it, the error tells how many lines are whole."""
    import errno
    import os

    from draftgen.batch import JOURNAL, Journal

    records = [Record(f"{i:05d}", f"Xã {i}", i + 1, "units.csv", f"{i:05d}.docx", "ab", "cd", "created")
               for i in range(5)]
    journal = Journal(tmp_path / JOURNAL)
    real_write = os.write
    calls = []

    def write(fd: int, data) -> int:  # noqa: ANN001
        calls.append(len(data))
        if len(calls) == 1:  # the disk takes two lines and a half
            return real_write(fd, bytes(data[:len(records[0].json()) * 2 + 2 + 10]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", write)
    try:
        journal.append(records)
    except OSError as exc:
        assert exc.journal_records == 2  # type: ignore[attr-defined]
    else:
        raise AssertionError("the full disk was not told")
    monkeypatch.setattr(os, "write", real_write)
    journal.append(records[2:])  # the next chunk starts on a line of its own
    journal.close(remove=False)
    lines = (tmp_path / JOURNAL).read_text(encoding="utf-8").splitlines()
    whole = []
    for line in lines:
        try:
            whole.append(json.loads(line)["code"])
        except ValueError:
            pass  # the half line
    assert whole == ["00000", "00001", "00002", "00003", "00004"]
