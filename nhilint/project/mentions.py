"""Which files of the project hold which words: the project-wide questions of the index
(nhilint.project.index.ProjectIndex.mentioning) ask for the modules whose text holds a name.

The texts are not kept. The index asked a handful of words a run (about a dozen a worker
process in the benchmark corpus), and keeping every file's text in lower case for them was
33 MB in each worker. What is kept instead is, for each word asked, which files were found to
hold it and which not: a file is read again only for a word it has not been tested for, and
only when no other word of the question is already known to be absent from it (a name found
nowhere answers every later question with it without reading a file). The files are listed and
stamped once (the first question), and the words of that question are tested in the same read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

from nhilint.files import content_digest
from nhilint.project.reading import OVER_THE_BOUND, project_stamp, read_project_file, too_many

# what is known of one file for one word (a byte of the word's bytearray, one per file)
_UNKNOWN = 0
_ABSENT = 1
_PRESENT = 2


class ProjectWords:
    """The project's files (absolute paths, in listing order) and their stamp, and what each
    word asked so far was found to be in them. A plain class: never compared or copied."""

    __slots__ = ("keys", "stamp", "_max_bytes", "_found")

    def __init__(self, keys: List[str], stamp: str, max_bytes: int) -> None:
        self.keys = keys
        self.stamp = stamp  # of every file's path and content digest (nhilint.project.reading)
        self._max_bytes = max_bytes
        self._found: Dict[bytes, bytearray] = {}  # word -> one state a file, by position in `keys`

    @classmethod
    def read(cls, files: List[Path], max_bytes: int, words: Sequence[bytes]) -> "ProjectWords":
        """Lists and stamps the files that can be read, testing `words` in each as it is read;
        none of a listing over the bound (nhilint.project.reading.MAX_PROJECT_FILES)."""
        if too_many(files):
            return cls([], OVER_THE_BOUND, max_bytes)
        positions: Dict[str, int] = {}
        digests: List[Tuple[str, str]] = []
        tested: List[Tuple[int, bytes]] = []
        for path in files:
            data = read_project_file(path, max_bytes)
            if data is None:
                continue
            key = os.path.abspath(path)
            digests.append((key, content_digest(data)))
            position = positions.setdefault(key, len(positions))
            text = data.lower()
            tested.extend((position, word) for word in words if word in text)
        found = cls(list(positions), project_stamp(digests), max_bytes)
        for word in words:
            found._found[word] = bytearray([_ABSENT]) * len(found.keys)
        for position, word in tested:
            found._found[word][position] = _PRESENT
        return found

    def holding(self, words: Sequence[bytes], accepts: Callable[[str], bool]) -> List[str]:
        """The files `accepts` takes whose text (in lower case) holds every one of `words`, in
        listing order."""
        states = [self._found.setdefault(word, bytearray(len(self.keys))) for word in words]
        found = []
        for position, key in enumerate(self.keys):
            if not accepts(key) or any(state[position] == _ABSENT for state in states):
                continue
            untested = [index for index, state in enumerate(states) if state[position] == _UNKNOWN]
            if untested and not self._test(position, key, [(words[index], states[index]) for index in untested]):
                continue
            found.append(key)
        return found

    def _test(self, position: int, key: str, untested: List[Tuple[bytes, bytearray]]) -> bool:
        """Reads the file at `key` for the words not yet tested in it; whether it holds them all.
        A file that can no longer be read holds none (it is gone from the project)."""
        data = read_project_file(Path(key), self._max_bytes)
        text = data.lower() if data is not None else b""
        holds = True
        for word, state in untested:
            present = word in text
            state[position] = _PRESENT if present else _ABSENT
            holds = holds and present
        return holds
