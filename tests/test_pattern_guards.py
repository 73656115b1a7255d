"""The cheap tests that stand for a pattern (or keep it from being compiled) say what it says."""

import random
import re

from nhilint.analysis import names
from nhilint.secret_formats import _FORMAT_LITERALS, KNOWN_FORMATS, known_format


def test_every_format_names_what_its_pattern_needs():
    assert {name for name, _ in KNOWN_FORMATS} == set(_FORMAT_LITERALS)
    for name, pattern in KNOWN_FORMATS:
        for literal in _FORMAT_LITERALS[name]:
            # each literal is spelled in the pattern (a character class for gh[por]_ aside)
            assert literal[:2] in pattern.pattern, (name, literal)


def test_a_format_is_found_with_its_literal():
    assert known_format("ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1eF3hJ5") == "GitHub token"
    assert known_format("AKIAZ7Q2M4K8R1T5W3X9") == "AWS access key id"
    assert known_format("nothing here") is None


_IDENTIFIER = re.compile(
    r"(^|_)(id|ids|uid|uids|uuid|uuids|guid|pk|pks|no|num|number|serial|serials|index|idx|count|cnt|file|filename|filepath|path|paths|dir|"
    r"dirname|directory|folder|name|names)$")
_KEY_POSITION = re.compile(
    r"(^|_)(secret_key|jwt_secret|jwt_secret_key|jwt_key|signing_key|signing_secret|client_secret|"
    r"aws_secret_access_key|secret_access_key|aws_access_key_id|access_key_id|aws_session_token|"
    r"api_secret|app_secret|consumer_secret|webhook_secret|hmac_secret|hmac_key|private_key|"
    r"jwt_private_key|encryption_key)$")


def test_word_endings_answer_as_the_patterns_they_replace():
    words = [*names._IDENTIFIER_WORDS, *names._KEY_POSITION, "x", "_", "token", "\n", "my", "secret"]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(words) + rng.choice(["", "_", "__", "\n"]) for _ in range(rng.randint(1, 4)))
        assert bool(_IDENTIFIER.search(text)) == names._ends_with_word(text, names._IDENTIFIER_WORDS), repr(text)
        assert bool(_KEY_POSITION.search(text)) == names._ends_with_word(text, names._KEY_POSITION), repr(text)
