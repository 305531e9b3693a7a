"""Helpers of scripts/gen-corpus.py: edits of the base files by whole lines, and writing
the cases into tests/corpus/."""

import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
BASE = CORPUS / "base" / "content"

# The file a case of each group kind replaces has this extension.
EXT = {"referential": "yaml", "passport": "yaml", "evidence": "md", "config": "toml"}


def base_file(*parts):
    return BASE.joinpath(*parts).read_text(encoding="utf-8")


# --- line edits: every edit names a whole line of the base, which must be unique ---------


def _index(text, line):
    """`line` is a whole line that must be unique, or (line, n) for its n-th occurrence."""
    line, nth = line if isinstance(line, tuple) else (line, None)
    lines = text.split("\n")
    found = [i for i, l in enumerate(lines) if l == line]
    if nth is None:
        assert len(found) == 1, f"line {line!r} found {len(found)} times"
        nth = 0
    return lines, found[nth]


def _line(line):
    return line[0] if isinstance(line, tuple) else line


def indent(line):
    return len(line) - len(line.lstrip(" "))


def _block_end(lines, i):
    """The end (exclusive) of the block of line i: the lines indented deeper."""
    j = i + 1
    while j < len(lines) and (lines[j].strip() == "" or indent(lines[j]) > indent(lines[i])):
        j += 1
    return j


def replace(text, line, *new):
    lines, i = _index(text, line)
    return "\n".join(lines[:i] + list(new) + lines[i + 1 :])


def delete(text, line):
    return replace(text, line)


def replace_block(text, line, *new):
    """Replaces a line and everything nested under it."""
    lines, i = _index(text, line)
    return "\n".join(lines[:i] + list(new) + lines[_block_end(lines, i) :])


def insert_after(text, line, *new):
    lines, i = _index(text, line)
    return "\n".join(lines[: i + 1] + list(new) + lines[i + 1 :])


def key_of(line):
    return _line(line).strip().removeprefix("- ").split(":", 1)[0]


def set_value(text, line, value):
    """Gives the field of `line` another value (its nested lines go)."""
    head = _line(line)[: _line(line).index(key_of(line))]
    edit = replace if _line(line).lstrip().startswith("- ") else replace_block
    return edit(text, line, f"{head}{key_of(line)}: {value}")


def rename_key(text, line, new_key):
    return replace(text, line, _line(line).replace(key_of(line) + ":", new_key + ":", 1))


def drop_field(text, line):
    """Removes a field and its nested lines; on a `- key:` line the next field takes the dash."""
    lines, i = _index(text, line)
    dashed = _line(line).lstrip().startswith("- ")
    end = i + 1 if dashed else _block_end(lines, i)
    if dashed:
        dash = _line(line).index("- ")
        nxt = lines[i + 1]
        lines[i + 1] = nxt[:dash] + "- " + nxt[dash + 2 :]
    return "\n".join(lines[:i] + lines[end:])


def typo(key):
    """A likely misspelling: the last two different letters swapped (`title` -> `titel`,
    `skill` -> `sklil`)."""
    i = max(i for i in range(len(key) - 1) if key[i] != key[i + 1])
    return key[:i] + key[i + 1] + key[i] + key[i + 2 :]


# --- write -------------------------------------------------------------------------------


def write_cases(cases):
    """Writes every case's input; deletes the inputs and expectations of cases gone."""
    written = set()
    for key, content in sorted(cases.items()):
        group, name = key.split("/")
        folder = CORPUS / group
        folder.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict):
            target = folder / name
            if target.exists():
                shutil.rmtree(target)
            for rel, text in content.items():
                path = target / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        else:
            target = folder / f"{name}.{EXT[group.split('-')[0]]}"
            target.write_text(content, encoding="utf-8")
        written.add(target)
    # Inputs of cases no longer generated go, with their expectations.
    for folder in CORPUS.iterdir():
        if not folder.is_dir() or folder.name == "base":
            continue
        for entry in folder.iterdir():
            if entry.suffix == ".expected":
                stem = entry.with_suffix("")
                if not any(w == stem or w.with_suffix("") == stem for w in written):
                    entry.unlink()
            elif entry not in written:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
