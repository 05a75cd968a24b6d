"""Hostile and damaged zips: each gives its problem (exit 1) or a plain 'cannot be validated'
(exit 2), never a traceback, a hang or a memory blow-up."""

from __future__ import annotations

import struct
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from als_package.validate import Limits, validate

from .samples import entries_of, write_zip

GOOD = entries_of("scorm12")


def messages(path: Path, limits: Limits | None = None) -> tuple[int, list[str]]:
    """The exit status and the problems (not the warnings)."""
    report = validate(path, limits) if limits else validate(path)
    return report.status, [p.message for p in report.errors]


def patch_central(data: bytes, name: bytes, offset: int, value: bytes) -> bytes:
    """Overwrite a field of `name`'s central directory record (offset from the record's start)."""
    at = data.index(b"PK\x01\x02")
    while True:
        length = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + length] == name:
            return data[: at + offset] + value + data[at + offset + len(value) :]
        at = data.index(b"PK\x01\x02", at + 4)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../evil.html", "'../evil.html' escapes the zip's root ('..'): an LMS would unpack it outside the package"),
        ("/etc/evil.html", "'/etc/evil.html' is an absolute path: entries must be relative to the zip's root"),
        ("C:/evil.html", "'C:/evil.html' is an absolute path: entries must be relative to the zip's root"),
        ("pages\\evil.html", "'pages\\evil.html' uses backslashes: LMSs on Linux unpack it as one file of that name: re-zip with '/' between folders"),
    ],
)
def test_entries_that_leave_the_package(tmp_path, name, expected):
    status, found = messages(write_zip(tmp_path / "p.zip", {**GOOD, name: b"x"}))
    assert status == 1 and expected in found


def test_an_entry_twice(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we mean to write
        path = write_zip(tmp_path / "p.zip", [*GOOD.items(), ("index.html", b"other")])
    assert messages(path) == (1, ["'index.html' is in the zip twice: LMSs keep one of them, not always the same"])


def test_a_name_not_in_utf8(tmp_path):
    data = write_zip(tmp_path / "p.zip", {**GOOD, "caf?.html": b"x"}).read_bytes().replace(b"caf?.html", b"caf\x82.html")
    (tmp_path / "p.zip").write_bytes(data)
    status, found = messages(tmp_path / "p.zip")
    assert status == 1 and any(m.startswith("'café.html' has a name that is not marked UTF-8 (a legacy code page)") for m in found)


def test_names_differing_in_case_warn(tmp_path):
    report = validate(write_zip(tmp_path / "p.zip", {**GOOD, "Index.html": b"x"}))
    assert [(p.severity, p.message) for p in report.problems][0] == (
        "warning",
        "'Index.html' and 'index.html' differ only in case: on Windows and macOS one replaces the other",
    )


def test_a_zip_bomb_by_ratio_is_not_unpacked(tmp_path):
    status, found = messages(write_zip(tmp_path / "p.zip", {**GOOD, "zeros.bin": bytes(8 * 1024 * 1024)}))
    assert status == 1
    assert [m for m in found if "zeros.bin" in m][0].startswith("'zeros.bin' expands ")
    assert "more than the 100 times content compresses: a zip bomb?" in found[0]


def test_a_zip_bomb_by_declared_size(tmp_path):
    data = write_zip(tmp_path / "p.zip", {**GOOD, "big.bin": b"x" * 100}).read_bytes()
    (tmp_path / "p.zip").write_bytes(patch_central(data, b"big.bin", 24, struct.pack("<I", 0xFFFF0000)))
    status, found = messages(tmp_path / "p.zip")
    assert status == 1 and "'big.bin' declares 4.0 GiB unpacked, more than the 1.0 GiB an entry may: a zip bomb?" in found


def test_too_much_in_all_and_too_many_entries(tmp_path):
    path = write_zip(tmp_path / "p.zip", {**GOOD, **{f"f{n}.txt": b"y" * 1000 for n in range(6)}})
    assert messages(path, Limits(max_total=5000))[1][0] == "declares 6.5 KiB unpacked in all, more than the 4.9 KiB a package may: a zip bomb?"
    assert messages(path, Limits(max_entries=5)) == (1, ["declares 8 entries, more than the 5 a package may hold: not read further"])


def test_a_header_that_lies_about_its_size_is_caught_by_reading_with_that_limit(tmp_path):
    data = write_zip(tmp_path / "p.zip", {**GOOD, "notes.txt": b"abc" * 1000}).read_bytes()
    (tmp_path / "p.zip").write_bytes(patch_central(data, b"notes.txt", 24, struct.pack("<I", 10)))
    status, found = messages(tmp_path / "p.zip")
    assert status == 1 and "'notes.txt' is damaged and cannot be unpacked: Bad CRC-32 for file 'notes.txt'" in found


def test_overlapping_entries(tmp_path):
    data = write_zip(tmp_path / "p.zip", {**GOOD, "a.txt": b"a" * 50, "b.txt": b"b" * 50}).read_bytes()
    with zipfile.ZipFile(tmp_path / "p.zip") as archive:
        offset = archive.getinfo("a.txt").header_offset
    (tmp_path / "p.zip").write_bytes(patch_central(data, b"b.txt", 42, struct.pack("<I", offset)))
    status, found = messages(tmp_path / "p.zip")
    assert status == 1 and "'a.txt' overlaps 'b.txt' in the zip: a zip bomb or a damaged zip" in found


def test_encrypted_symlinked_and_unusually_compressed_entries(tmp_path):
    link = zipfile.ZipInfo("link.html")
    link.external_attr = 0o120777 << 16
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in GOOD.items():
            archive.writestr(name, data)
        archive.writestr(link, "/etc/passwd")
        archive.writestr("secret.txt", b"s" * 100)
        archive.writestr("packed.txt", b"p" * 100, compress_type=zipfile.ZIP_LZMA)
    data = path.read_bytes()
    path.write_bytes(patch_central(data, b"secret.txt", 8, struct.pack("<H", 1)))
    status, found = messages(path)
    assert status == 1
    assert "'link.html' is a symbolic link: packages hold files only" in found
    assert "'secret.txt' is encrypted: an LMS cannot unpack it" in found
    assert "'packed.txt' is compressed with method 14: LMSs unpack stored or deflated entries only" in found


def test_damaged_data_in_an_entry(tmp_path):
    path = write_zip(tmp_path / "p.zip", {**GOOD, "data.txt": bytes(range(256)) * 40}, zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    data[data.index(bytes(range(256))) + 5] ^= 0xFF
    path.write_bytes(bytes(data))
    assert messages(path) == (1, ["'data.txt' is damaged and cannot be unpacked: Bad CRC-32 for file 'data.txt'"])


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_text("hello"), "is not a zip file"),
        (lambda p: p.write_bytes(b""), "is not a zip file"),
        (lambda p: p.mkdir(), "is a folder: give the zip file"),
        (lambda p: None, "no such file"),
        (lambda p: write_zip(p, {"readme.txt": b"hi"}), "holds no imsmanifest.xml, tincan.xml or cmi5.xml: it is not a SCORM, xAPI or cmi5 package"),
        (
            lambda p: write_zip(p, {"course.zip": b"PK"}),
            "holds no imsmanifest.xml, tincan.xml or cmi5.xml: it is not a SCORM, xAPI or cmi5 package: "
            "it holds course.zip: validate or upload that zip instead",
        ),
    ],
)
def test_unusable_input(tmp_path, make, expected):
    path = tmp_path / "input.zip"
    make(path)
    report = validate(path)
    assert (report.status, report.unusable, report.problems) == (2, expected, [])


def test_a_truncated_zip_is_unusable(tmp_path, scorm12_zip):
    data = scorm12_zip.read_bytes()
    (tmp_path / "cut.zip").write_bytes(data[: len(data) // 2])
    (tmp_path / "cut-end.zip").write_bytes(data[:-10])
    assert validate(tmp_path / "cut.zip").unusable == "is not a zip file"
    assert validate(tmp_path / "cut-end.zip").status == 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1, max_size=8))
def test_random_damage_never_raises(tmp_path, damage):
    data = bytearray(write_zip(tmp_path / "good.zip", GOOD).read_bytes())
    for at, value in damage:
        data[at % len(data)] = value
    (tmp_path / "bad.zip").write_bytes(bytes(data))
    report = validate(tmp_path / "bad.zip")
    assert report.status in (0, 1, 2)
