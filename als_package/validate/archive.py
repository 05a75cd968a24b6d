"""Reading a zip without trusting it, and the zip-level problems an LMS would trip over.

Nothing is unpacked to disk. Entry names are checked as an LMS would unpack them (no `..`,
no absolute paths, no backslashes, UTF-8, each once); sizes are checked as declared (total,
per entry, expansion ratio) before anything is decompressed, and every entry is then read
through once with those declared sizes as the limit, so a header that lies about its size
shows up as a bad CRC instead of filling the memory.
"""

from __future__ import annotations

import lzma
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from als_package.validate.report import WARNING, Problem, Unusable


@dataclass(frozen=True)
class Limits:
    max_entries: int = 100_000
    max_total: int = 2 * 1024**3  # declared uncompressed bytes of all entries together
    max_entry: int = 1024**3  # declared uncompressed bytes of one entry
    max_ratio: int = 100  # uncompressed / compressed, for entries of at least ratio_floor bytes
    ratio_floor: int = 1024**2
    max_xml: int = 16 * 1024**2  # a manifest is read whole, up to this


LIMITS = Limits()
CHUNK = 1024 * 1024
STORED_OR_DEFLATED = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What zipfile and its decompressors raise on damaged data.
READ_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, RuntimeError, NotImplementedError, EOFError, OSError, ValueError, struct.error)


def size(n: int) -> str:
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


class EntryError(Exception):
    """An entry that cannot be read: the message says why."""


@dataclass
class Archive:
    path: Path
    zip: zipfile.ZipFile
    infos: dict[str, zipfile.ZipInfo]  # file entries (not folders) by name; the first of any duplicates
    problems: list[Problem] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # entries not to decompress, and why

    @property
    def names(self) -> set[str]:
        return set(self.infos)

    def read(self, name: str, limit: int = LIMITS.max_xml) -> bytes:
        info = self.infos[name]
        if name in self.unreadable:
            raise EntryError(self.unreadable[name])
        if info.file_size > limit:
            raise EntryError(f"is {size(info.file_size)}, more than the {size(limit)} a manifest may be: not read")
        try:
            with self.zip.open(info) as stream:
                return stream.read(limit + 1)[:limit]
        except READ_ERRORS as error:
            raise EntryError(f"cannot be unpacked: {error}") from None

    def verify(self) -> list[Problem]:
        """Read every entry through once (declared sizes bound the output): damaged data and lying headers show up."""
        problems = []
        for name, info in self.infos.items():
            if name in self.unreadable:
                continue
            try:
                with self.zip.open(info) as stream:
                    while stream.read(CHUNK):
                        pass
            except READ_ERRORS as error:
                problems.append(Problem("zip", f"'{name}' is damaged and cannot be unpacked: {error}"))
        return problems

    def close(self) -> None:
        self.zip.close()


def _declared_entries(handle) -> int | None:
    """The entry count the end-of-central-directory record declares, read before zipfile builds its list."""
    handle.seek(0, 2)
    end = handle.tell()
    handle.seek(max(0, end - 65_557))
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    count = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    if count == 0xFFFF and at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":
        offset = struct.unpack("<Q", tail[at - 12 : at - 4])[0]
        handle.seek(offset)
        record = handle.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            count = struct.unpack("<Q", record[32:40])[0]
    return count


def _open_zip(path: Path, limits: Limits) -> tuple[zipfile.ZipFile | None, Problem | None]:
    if path.is_dir():
        raise Unusable("is a folder: give the zip file")
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise Unusable("no such file") from None
    except OSError as error:
        raise Unusable(f"cannot be read: {error.strerror or error}") from None
    try:
        count = _declared_entries(handle)
        if count is not None and count > limits.max_entries:
            handle.close()
            return None, Problem("zip", f"declares {count:,} entries, more than the {limits.max_entries:,} a package may hold: not read further")
        handle.seek(0)
        return zipfile.ZipFile(handle), None
    except UnicodeDecodeError:
        handle.close()
        raise Unusable("is a damaged zip: an entry name is marked UTF-8 but is not valid UTF-8") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, struct.error, NotImplementedError) as error:
        handle.close()
        if isinstance(error, zipfile.BadZipFile) and str(error) == "File is not a zip file":
            raise Unusable("is not a zip file") from None
        raise Unusable(f"is a damaged zip: {error}") from None


def _name_problems(info: zipfile.ZipInfo) -> list[str]:
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    problems = []
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        problems.append(f"'{name}' is an absolute path: entries must be relative to the zip's root")
    if ".." in parts:
        problems.append(f"'{name}' escapes the zip's root ('..'): an LMS would unpack it outside the package")
    if "\\" in name:
        problems.append(f"'{name}' uses backslashes: LMSs on Linux unpack it as one file of that name: re-zip with '/' between folders")
    if not info.flag_bits & 0x800 and not name.isascii():
        problems.append(
            f"'{name}' has a name that is not marked UTF-8 (a legacy code page): LMSs may unpack it under another name: "
            "re-zip with a tool that writes UTF-8 names"
        )
    return problems


def _unreadable_reason(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    if info.flag_bits & 0x1:
        return f"'{info.filename}' is encrypted: an LMS cannot unpack it"
    if stat.S_ISLNK(info.external_attr >> 16):
        return f"'{info.filename}' is a symbolic link: packages hold files only"
    if info.compress_type not in STORED_OR_DEFLATED:
        return f"'{info.filename}' is compressed with method {info.compress_type}: LMSs unpack stored or deflated entries only"
    if info.file_size > limits.max_entry:
        return f"'{info.filename}' declares {size(info.file_size)} unpacked, more than the {size(limits.max_entry)} an entry may: a zip bomb?"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size >= limits.ratio_floor and ratio > limits.max_ratio:
        return (
            f"'{info.filename}' expands {ratio:,.0f} times ({size(info.compress_size)} to {size(info.file_size)}), "
            f"more than the {limits.max_ratio} times content compresses: a zip bomb?"
        )
    return None


def _overlaps(infos: list[zipfile.ZipInfo]) -> list[Problem]:
    """Entries whose data runs into the next entry's header: the overlapping-entries zip bomb, or a damaged directory."""
    ordered = sorted(infos, key=lambda i: i.header_offset)
    problems = []
    for info, following in zip(ordered, ordered[1:], strict=False):
        end = info.header_offset + 30 + len(info.orig_filename.encode("utf-8", "replace")) + info.compress_size
        if info.compress_size and end > following.header_offset:
            problems.append(Problem("zip", f"'{info.filename}' overlaps '{following.filename}' in the zip: a zip bomb or a damaged zip"))
    return problems


def open_archive(path: Path, limits: Limits = LIMITS) -> Archive | Problem:
    """The zip at `path`, with its zip-level problems; a Problem alone when it holds too many entries to read;
    Unusable when it is not a readable zip."""
    archive, refused = _open_zip(path, limits)
    if refused is not None or archive is None:
        assert refused is not None
        return refused
    result = Archive(path, archive, {})
    infos = archive.infolist()
    seen_folded: dict[str, str] = {}
    total = 0
    for info in infos:
        result.problems += [Problem("zip", m) for m in _name_problems(info)]
        if info.is_dir():
            continue
        name = info.filename
        if name in result.infos:
            result.problems.append(Problem("zip", f"'{name}' is in the zip twice: LMSs keep one of them, not always the same"))
            continue
        folded = name.casefold()
        if folded in seen_folded:
            result.problems.append(
                Problem("zip", f"'{name}' and '{seen_folded[folded]}' differ only in case: on Windows and macOS one replaces the other", severity=WARNING)
            )
        seen_folded[folded] = name
        result.infos[name] = info
        total += info.file_size
        reason = _unreadable_reason(info, limits)
        if reason:
            result.problems.append(Problem("zip", reason))
            result.unreadable[name] = reason
    if total > limits.max_total:
        result.problems.append(Problem("zip", f"declares {size(total)} unpacked in all, more than the {size(limits.max_total)} a package may: a zip bomb?"))
        result.unreadable.update({n: "not unpacked: the zip declares too much data" for n in result.infos if n not in result.unreadable})
    overlaps = _overlaps(infos)
    result.problems += overlaps
    if overlaps:
        result.unreadable.update({n: "not unpacked: the zip's entries overlap" for n in result.infos if n not in result.unreadable})
    return result
