"""nhilint.project.mentions: which project files hold which words, without keeping the texts."""

import os

from nhilint.files import content_digest
from nhilint.project.mentions import ProjectWords
from nhilint.project.reading import project_stamp


def _files(tmp_path, texts):
    paths = []
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text)
        paths.append(path)
    return paths


def _every(_key: str) -> bool:
    return True


def test_the_files_holding_every_word_in_listing_order_and_the_stamp(tmp_path):
    paths = _files(tmp_path, {"b.py": "JWT.encode(SECRET_KEY)", "a.py": "SECRET_KEY = 'x'", "c.py": "jwt.encode(key)"})
    words = ProjectWords.read(paths + [tmp_path / "missing.py"], 1_000_000, [b"secret_key"])
    keys = [os.path.abspath(path) for path in paths]
    assert words.keys == keys  # a file that cannot be read is not listed
    assert words.stamp == project_stamp((key, content_digest(path.read_bytes())) for key, path in zip(keys, paths))
    assert words.holding([b"secret_key"], _every) == keys[:2]
    assert words.holding([b"secret_key", b"encode", b"jwt"], _every) == keys[:1]
    assert words.holding([b"encode"], lambda key: not key.endswith("b.py")) == keys[2:]
    assert words.holding([b"nowhere"], _every) == []


def test_a_file_is_read_again_only_for_a_word_it_was_not_tested_for(tmp_path):
    paths = _files(tmp_path, {"a.py": "token = fetch()", "b.py": "SECRET = 1"})
    words = ProjectWords.read(paths, 1_000_000, [b"secret"])
    a, b = (os.path.abspath(path) for path in paths)
    paths[0].write_text("secret token")  # not read again for `secret`: known absent from a.py
    assert words.holding([b"secret"], _every) == [b]
    assert words.holding([b"secret", b"token"], _every) == []  # a.py out unread; b.py read for `token`
    paths[1].write_text("SECRET = token")  # b.py was tested for `token`: not read again
    assert words.holding([b"token"], _every) == [a]  # a.py never was: read now, as it is
