"""Does a string look like a credential? Known token formats, a shape gate, placeholders.

A leaf module without libcst: the hard-coded-token rule (NHL301) and the redaction of code
frames share it, so a literal the rule reports is always one the frames hide.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter
from typing import Optional, Tuple

from nhilint.patterns import compiled_on_first_use

# (format name, pattern); the patterns follow the issuers' documented prefixes and lengths. Each
# starts only where a run of its characters starts, so a search scans each run once: linear time
# on any literal (tests/test_linear_regexes.py feeds every pattern 1 MB of near-misses).
KNOWN_FORMATS: Tuple[Tuple[str, "re.Pattern[str]"], ...] = tuple(
    (name, compiled_on_first_use(r"(?<![A-Za-z0-9_])" + pattern))
    for name, pattern in (
        ("GitHub token", r"gh[por]_[A-Za-z0-9]{36}"),
        # a GitHub App's installation (`ghs_`, one hour) or user-to-server (`ghu_`, eight hours)
        # token: short-lived, so in test files recorded replay data (_SHORT_LIVED_FORMATS)
        ("GitHub App token", r"gh[su]_[A-Za-z0-9]{36}"),
        ("GitHub fine-grained token", r"github_pat_[A-Za-z0-9_]{22,}"),
        ("Slack token", r"xox[abposre]-[A-Za-z0-9-]{10,}"),
        ("AWS access key id", r"(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])"),
        # Anthropic's keys start `sk-ant-api03-` (OAuth: `oat01`, refresh `ort01`, admin
        # `admin01`) and are long; an `sk-ant-` literal is never OpenAI's, whatever follows
        ("Anthropic API key", r"sk-ant-(?:api|admin|oat|ort)\d{2}-[A-Za-z0-9_-]{32,}"),
        ("OpenAI API key", r"sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
        ("Stripe live key", r"(?:sk|rk)_live_[0-9A-Za-z]{16,}"),
        ("Google API key", r"AIza[0-9A-Za-z_-]{35}"),
        # not after `-` either: `eyJ-eyJ-…` would otherwise be retried at each `eyJ` (quadratic)
        ("JWT", r"(?<!-)eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*"),
    )
)
# Beginnings of the formats above, lower-cased: the prefilter's words.
# Prefixes of the live credential formats, and of a JWT (a signed token: in tests, a test vector).
# Long-lived credentials, reported in test files too; and the formats a test's literal is test
# data in (a JWT, a GitHub App token of one to eight hours, an AWS key id, which signs nothing)
LONG_LIVED_FORMAT_WORDS = ("ghp_", "gho_", "ghr_", "github_pat_", "xox", "sk-", "_live_", "aiza")
TEST_DATA_FORMAT_WORDS = ("eyj", "ghu_", "ghs_", "akia", "asia")
FORMAT_WORDS = (*LONG_LIVED_FORMAT_WORDS, *TEST_DATA_FORMAT_WORDS)

_PLACEHOLDER = compiled_on_first_use(
    r"change_?-?me|your|example|placeholder|dummy|fake|sample|test|xxxx|\*\*\*|\.\.\.|<|>|\$\{|\{\{|%\(|"
    r"redacted|todo|fixme|insert|replace|not_?-?set|none|null|secret_?here|token_?here|key_?here",
    re.I,
)
# `access_token`, `OAUTH2_TOKEN`, `my-app.key-v2`: words, not secrets
_WORD_SEGMENT = compiled_on_first_use(r"[A-Za-z]+\d{0,4}|\d{1,4}")
_SEPARATORS = compiled_on_first_use(r"[-_.:/]")
_NOT_WORD_LIKE = compiled_on_first_use(r"[^A-Za-z0-9_.:/-]|[0-9][A-Za-z]|[0-9]{5}")
_SPACE = compiled_on_first_use(r"\s")
_SCHEME = compiled_on_first_use(r"(?i)(bearer|token|basic|apikey|api-key)\s+(?=\S)")
# a regular expression or format string, not a value: `[-!#$0-9a-zA-Z]+`, `(?P<x>…)`, `\d+`
# (`[^][]`: a `[` never scans past the next `[`, or `[[[[…` would take quadratic time)
_PATTERN = compiled_on_first_use(r"\[[^\][]*\]|\(\?|\\[dswbDSWB.]|%\(|\{\w*\}")
MIN_LENGTH = 12
MIN_ENTROPY = 3.0


# What each format's pattern cannot match without (its patterns are case-sensitive): a text holding
# none of them is no such token, and its pattern is not compiled for it. Compiling the ten costs
# about 7 M instructions, and most checks meet no literal holding any of these.
_FORMAT_LITERALS = {
    "GitHub token": ("ghp_", "gho_", "ghr_"),
    "GitHub App token": ("ghs_", "ghu_"),
    "GitHub fine-grained token": ("github_pat_",),
    "Slack token": ("xox",),
    "AWS access key id": ("AKIA", "ASIA"),
    "Anthropic API key": ("sk-ant-",),
    "OpenAI API key": ("sk-",),
    "Stripe live key": ("_live_",),
    "Google API key": ("AIza",),
    "JWT": ("eyJ",),
}


def known_format(text: str) -> Optional[str]:
    """The name of the token format found in `text`, unless it is a placeholder of it."""
    for name, pattern in KNOWN_FORMATS:
        if not any(literal in text for literal in _FORMAT_LITERALS[name]):
            continue  # its pattern cannot match
        match = pattern.search(text)
        if match is not None and not is_placeholder(match.group(0)) and not _lowercase_words(match.group(0)):
            return name
    return None


def _lowercase_words(token: str) -> bool:
    """`xoxo-somethingelse`, `xoxb-made_up_token`: a format's prefix and lowercase words, no digit,
    no capital, where an issued key's random part mixes them in: a test's made-up value."""
    cut = min((at for at in (token.find("-"), token.find("_")) if at > 0), default=-1)
    return cut > 0 and token[:cut].isalpha() and bool(_LOWER_WORDS.fullmatch(token[cut + 1:]))


def jwt_signature(text: str) -> Optional[str]:
    """The signature part of the first JWT in `text` (KNOWN_FORMATS' pattern), or None."""
    if "eyJ" not in text:
        return None  # the pattern cannot match (_FORMAT_LITERALS)
    pattern = next(pattern for name, pattern in KNOWN_FORMATS if name == "JWT")
    match = pattern.search(text)
    return match.group(0).split(".")[2] if match is not None else None


def is_placeholder(text: str) -> bool:
    """`changeme`, `<token>`, `your-token-here`, `${VAR}`, `ghp_xxxx…`, `AKIA…EXAMPLE`, a token
    format's prefix followed by a run of 8 characters counting up (`sk-1234567890abcdefghij`),
    and a token format's prefix followed by words (`sk-CANARY-SECRET-DO-NOT-EXPOSE-12345`,
    `sk-should-survive-absence`: a test's canary, no key a service issued)."""
    if _PLACEHOLDER.search(text):
        return True
    body = re.sub(r"^[A-Za-z]+[-_]", "", text)  # the format's prefix repeats no character
    if len(set(body)) <= 4:
        return True
    if _alphabet(body) or _counting_in_turns(body):
        return True  # `sk-1234567890abcdefghij`, `ghp_A1b2C3d4...`: typed counting up, not drawn
    if _typed_id(body):
        return True  # `xoxb-1234-1234-…`: apprise's documented example; Slack's ids are long numbers
    words = body.split("-")
    return len(words) >= 3 and all(_WORD.fullmatch(word) for word in words)


def _typed_id(body: str) -> bool:
    """The first part after the prefix is a short number typed counting up (`1234` of
    `xoxb-1234-1234-4ddbc1…`): an issued token's id parts are numbers the service assigned
    (Slack's team and bot ids run to 10 digits and more), never `123`, `1234`, `12345`."""
    first = body.split("-", 1)[0]
    if not (3 <= len(first) <= 6 and first.isdigit() and "-" in body):
        return False
    return all(int(later) == (int(earlier) + 1) % 10 for earlier, later in zip(first, first[1:]))


# the part after a format's prefix written as lowercase words, no digit, no capital
_LOWER_WORDS = compiled_on_first_use(r"[a-z]+(?:[-_][a-z]+)*")
# a word of a made-up key: letters, maybe a few digits after them, or a short number (an issued
# key's random part mixes letters and digits, or runs longer)
_WORD = compiled_on_first_use(r"[A-Za-z]{1,12}\d{0,6}|\d{1,6}")


# HTTP authentication schemes: alone, the scheme of a credential that is not there
_SCHEME_WORDS = frozenset({"bearer", "basic", "digest", "negotiate"})
# `<secret_uri_for_updates`: a placeholder whose closing `>` was forgotten (one word after `<`)
_TEMPLATE = compiled_on_first_use(r"^\s*(<[^<>]*>|<[A-Za-z_][\w.-]*|\$\{[^}]*\}|\{\{[^}]*\}\}|%\([^)]*\)s|\{[A-Za-z_]\w*\}|\$[A-Z_][A-Z0-9_]*)\s*$")


_NOT_A_SECRET = compiled_on_first_use(r"(^|[-_ ])not[-_ ]?(a[-_ ]?)?(real[-_ ]?)?(key|secret|token|password)($|[-_ ])", re.I)
# a value that asks to be filled in: `YOUR-SECRETACCESSKEY`, `your_api_key` (the form of AWS's
# and MinIO's documentation)
_FILL_IN = compiled_on_first_use(r"^your[-_]", re.I)


# a value that says it is yet to be decided, whole: to be decided / announced / filled in
_UNDECIDED = frozenset({"tbd", "tba", "tbc", "todo", "fixme", "to-be-decided", "to_be_decided", "to-be-replaced",
                        "to_be_replaced", "to-be-filled", "to_be_filled"})
# a redaction marker: a word saying the value was taken out, framed by mask characters
_MASK_FRAME = "xX*\u2022#-_ []()<>."
_MASK_WORDS = frozenset({"masked", "redacted", "hidden", "removed", "obfuscated", "censored", "filtered"})


# Keys and tokens a provider publishes for its users' tests, each documented as such and public
# by design (only always-pass / always-fail behaviour, no account behind them): Google
# reCAPTCHA v2's test site key and secret (developers.google.com/recaptcha/docs/faq), hCaptcha's
# test site key and response token (docs.hcaptcha.com, "Integration Testing"; its all-zero test
# secret is caught above), Cloudflare Turnstile's dummy secret keys and token
# (developers.cloudflare.com/turnstile/troubleshooting/testing).
PUBLISHED_TEST_KEYS = frozenset({
    "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI", "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe",
    "10000000-ffff-ffff-ffff-000000000001", "10000000-aaaa-bbbb-cccc-000000000001",
    "1x0000000000000000000000000000000AA", "2x0000000000000000000000000000000AA",
    "3x0000000000000000000000000000000AA", "XXXX.DUMMY.TOKEN.XXXX",
})


def _ntlm_negotiate(text: str) -> bool:
    """`NTLM TlRMTVNTUAABAAAA...` (or after `Negotiate `): an NTLMSSP NEGOTIATE message
    (MS-NLMP 2.2.1.1: the signature `NTLMSSP` and a zero byte, message type 1), which a client sends first to
    get the server's challenge: flags and at most a domain and workstation name, no user's
    secret (the AUTHENTICATE message, type 3, carries the response to the challenge)."""
    stripped = text.strip()
    scheme, _, encoded = stripped.partition(" ")
    if scheme.lower() not in ("ntlm", "negotiate") or not encoded.startswith("TlRMTVNTUAAB"):
        return False
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True)
    except (ValueError, binascii.Error):
        return False
    return decoded[:8] == b"NTLMSSP\x00" and decoded[8:12] == b"\x01\x00\x00\x00"


def is_template(text: str) -> bool:
    """A template placeholder, the only literal that is no secret in a key position: `<token>`,
    `${SECRET}`, `{{ secret }}`, `%(secret)s`, `{secret}`, `$SECRET`, an all-`x`, `*` or `-`
    mask, a word saying it is yet to be decided (`"tbd"`, `"todo"`), the anonymous FTP login's
    password (`"anonymous@"`), all zeros, a negative number (`"-1"`: a sentinel for "no key"), a
    format's beginning with the rest elided (`"nsec..."`), a value that says it is none (`this-is-not-a-key`) or asks to be filled in
    (`YOUR-SECRETACCESSKEY`) or calls itself a placeholder, AWS's documented `...EXAMPLE` keys, a provider's published test
    key (PUBLISHED_TEST_KEYS), or nothing at all. A weak
    literal (`"secret"`, `"dev-key"`) is a secret there, and the first one an attacker tries."""
    body = without_scheme(text).strip()
    if body.lower() in _SCHEME_WORDS:
        return True  # `Authorization: Bearer` with nothing after it: an anonymous challenge
    if body.lower() in ("null", "none", "undefined", "nil") and body != text.strip():
        return True  # `Bearer null`: what a logged-out frontend sends, no token
    if not body or _TEMPLATE.match(body) or body.endswith("EXAMPLE") or body.endswith("EXAMPLEKEY"):
        return True  # AWS's documented example keys end so
    if set(body.lower()) <= {"x"} or set(body) <= {"*"} or set(body) <= {"."} or set(body) <= {"-"}:
        return True  # a mask
    if len(body) >= 8 and set(body[2:] if body[:2].lower() == "0x" else body) == {"0"}:
        return True  # all zeros (`0x0000…0000`, hCaptcha's published test secret): no key
    if body[:1] == "-" and body[1:].isdigit():
        return True  # `secret_key="-1"`: a sentinel the code tests for "no key set", no key
    if body in PUBLISHED_TEST_KEYS:
        return True  # a provider's published test key: public, it grants nothing
    core = body.strip(_MASK_FRAME)
    if core.lower() in _MASK_WORDS and (core != body or core.lower() in ("masked", "redacted")):
        return True  # `XXXX-MASKED-XXXX`, `***REDACTED***`, `[hidden]`: a redaction marker
    if _FILL_IN.match(body):
        return True  # `YOUR-SECRETACCESSKEY`: the reader's own key goes there
    if "placeholder" in body.lower():
        return True  # `"placeholder"` in a slot a refresh hook fills (kfp's client): says it is none
    if body.lower() in _UNDECIDED:
        return True  # `"tbd"` in a configuration template a deploy hook fills (runway's Lambda@Edge config)
    if _elided(body):
        return True  # `"nsec..."`, `"sk-..."`: a format's beginning, the rest left out

    if body.lower() == "anonymous" or body.lower().startswith("anonymous@"):
        return True  # the anonymous FTP login's password (RFC 1635; ftplib's own default, "anonymous@")
    if _ntlm_negotiate(text):
        return True  # `NTLM TlRMTVNTUAAB...`: the first message of NTLM's handshake, no credential
    return bool(_NOT_A_SECRET.search(body))  # `this-is-not-a-key`, `not-a-real-secret`


def _elided(body: str) -> bool:
    """A short beginning followed by an ellipsis (`"nsec..."`, `"sk-..."`, `"ghp_…"`): a
    documentation's way of writing "a key of this kind"; no issued key ends in dots. A longer
    value cut off so (`"sk-abcd1234efgh..."`) may be a real key's first part: not this."""
    for ellipsis in ("...", "\u2026"):
        if body.endswith(ellipsis):
            head = body[: -len(ellipsis)]
            return len(head) <= 8 and "." not in head
    return False


def weak_secret(text: str) -> bool:
    """A short password-like literal under a credential name (`"s3cr3t"`, `"hunter22"`):
    six or more characters, letters and digits, one word, no placeholder."""
    value = without_scheme(text)
    return (
        len(value) >= 6 and not any(c.isspace() for c in value) and "://" not in value
        and any(c.isalpha() for c in value) and any(c.isdigit() for c in value)
        and not _PATTERN.search(value) and not is_placeholder(value) and not _SETTING_VALUE.search(value)
        and not _word_like(value)  # `postgres123`, `oauth2_access_token`: words, not secrets
        and not _type_name(value)
        # `API_KEY = "0123456789abcdef0123456789abcdef"` in a config template: a placeholder
        # to replace, as an all-`x` mask is (in a key position, a weak key all the same)
        and not (len(value) >= MIN_LENGTH and _counting(value))
        and not _encoded_counting(value)  # RFC 6238's published test key, in base32 or hex
    )


# A value that is a setting, not a secret: a rate limit (`20/m`), a version (`v1.2.3`), a list.
_SETTING_VALUE = compiled_on_first_use(r"(?<!\d)\d+/[smhd]\b|^v?\d+(\.\d+)+$|,")  # (?<!\d): linear


# A class name: capitalised words of three or more letters, a version before or after a word
# allowed (`V1LocalObjectReference`, `V2beta1HorizontalPodAutoscaler`, `TokenResponseV2`); at
# least two words. Each part starts with a capital and its second character says which part
# it is, so a failed match is undone in linear time.
_TYPE_NAME = compiled_on_first_use(r"(?:[A-Z]\d+[a-z]*\d*)?(?:[A-Z][a-z]{2,}(?:[A-Z]\d+[a-z]*\d*)?){2,}")


def _type_name(text: str) -> bool:
    """`V1LocalObjectReference`: a class name (an OpenAPI model's type map), no secret."""
    return len(text) <= 128 and _TYPE_NAME.fullmatch(text) is not None


def entropy(text: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _word_like(text: str) -> bool:
    """Every part between separators is a word, with at most 4 digits after it, or 1-4 digits
    (_WORD_SEGMENT): that is, no other character, no digit before a letter, no 5 digits in a row.
    One C-speed search, not a loop over the parts: literals can be a megabyte long. A dotted
    name may end in the wildcard `.*` (`"SYNO.DownloadStation.*"`: a family of APIs' names) or
    in a version, `#` and a number (`"Authentication.GetAuthSessionInfo#1"`: Steam's unified
    message names, a service's method)."""
    if text.endswith(".*"):
        text = text[:-2]
    head, hash_sign, version = text.rpartition("#")
    if hash_sign and "." in head and version.isdigit() and len(version) <= 3:
        text = head
    return _NOT_WORD_LIKE.search(text) is None


def looks_random(text: str) -> bool:
    """The shape gate for a literal under a credential name: long, one word, letters mixed
    with digits (or both cases, as base64 is), varied; not a URL, path, template or identifier."""
    if len(text) < MIN_LENGTH or _SPACE.search(text) or "://" in text:
        return False
    if text.startswith(("/", "./", "~")) or _word_like(text) or _PATTERN.search(text):
        return False
    if _type_name(text) or _counting(text) or _alphabet(text) or _encoded_counting(text):
        return False
    letters = any(c.isalpha() for c in text)
    digits = any(c.isdigit() for c in text)
    mixed_case = any(c.islower() for c in text) and any(c.isupper() for c in text)
    if not (letters and digits) and not (mixed_case and len(text) >= 20):
        return False
    return entropy(text) >= MIN_ENTROPY


def _alphabet(text: str) -> bool:
    """A run of 8 or more characters counting up (`ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop
    qrstuvwxyz0123456789-._~`): the alphabet random secrets are drawn from, written out, not one
    drawn from it (a drawn value holds such a run with odds of about one in 10^13)."""
    run = 1
    for previous, current in zip(text, text[1:]):
        run = run + 1 if ord(current) == ord(previous) + 1 else 1
        if run >= 8:
            return True
    return False


_BASE32 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
_HEX = frozenset("0123456789abcdefABCDEF")


def _encoded_counting(text: str) -> bool:
    """Base32 or hex of a text typed counting up: `GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ`, base32 of
    "12345678901234567890", the key RFC 6238 (Appendix B) and RFC 4226 publish for their test
    vectors, and what every TOTP test table copies; not a seed drawn at random."""
    if not 16 <= len(text) <= 256:
        return False
    body = text.rstrip("=")
    if set(body) <= _BASE32:
        import base64  # a literal shaped so: few files

        try:
            decoded = base64.b32decode(body + "=" * (-len(body) % 8))
        except ValueError:
            return False
    elif set(text) <= _HEX and len(text) % 2 == 0:
        decoded = bytes.fromhex(text)
    else:
        return False
    plain = decoded.decode("ascii", errors="replace")
    return plain.isprintable() and (_counting(plain) or _alphabet(plain))


def _counting_in_turns(text: str) -> bool:
    """Letters and digits each counting up, written in turns (`abc123def456ghi789`,
    `A1b2C3d4E5f6G7h8`): a secret scanner's typed fake key; a drawn one almost never holds 8
    letters, or 8 digits, counting up in order."""
    return _alphabet("".join(c for c in text.lower() if c.isalpha())) or _alphabet("".join(c for c in text if c.isdigit()))


def _counting(text: str) -> bool:
    """Runs of characters counting up, three or more each (`0123456789abcdef0123456789abcdef`,
    `1234561234567abcdef`): a placeholder a config template asks to replace, typed, not drawn.
    A random value of MIN_LENGTH characters is almost never made of such runs."""
    run = 1
    for previous, current in zip(text, text[1:]):
        if ord(current) == ord(previous) + 1 or (previous == "9" and current in "aA"):
            run += 1
        elif run < 3:
            return False
        else:
            run = 1
    return run >= 3


def secret_value(text: str) -> bool:
    """A literal under a credential name holds a secret: a known format, or a random-looking
    non-placeholder (after an `Authorization` scheme such as `Bearer ` or `token `)."""
    if known_format(text) is not None:
        return True
    value = without_scheme(text)
    return looks_random(value) and not is_placeholder(value)


# Names that say their value is a credential (on the snake_case form: `clientSecret` counts),
# and names that mention one but hold none (`token_type`, `TOKEN_URL`, `next_token`). The
# exclusions are fewer than the analysis's (nhilint.analysis.names._NOT_A_TOKEN) on purpose:
# redaction errs towards hiding (`xsrf_token`, `decoded_token` stay hidden).
_CREDENTIAL_WORD = compiled_on_first_use(
    r"(^|_)(tokens?|bearer|jwt|api_?key|apikey|secrets?|credentials?|passwords?|passwd|passphrase|pwd|"
    r"auth|authorization|private_?key|signing_?key|access_?key|secret_?key|session_?key|client_?key)($|_)"
)
_NOT_A_CREDENTIAL = compiled_on_first_use(
    r"(^|_)(next|page|continuation|csrf|sync|max|num|start|starting|resume|pagination)_tokens?($|_)"
    r"|(^|_)(total|prompt|completion|input|output|used)_tokens($|_)|(^|_)(hashed|hash|salted)_"
    r"|_(type|url|uri|endpoint|expiry|expires?_at|ttl|prefix|name|names|header|length|count|limit|size|"
    r"path|file|kind|format|id|ids|scheme|env|var|field|param|label|hint|message|msg|help|"
    r"lifetime|timeout|seconds|minutes|hours|days|delta|required|enabled|valid|class|provider|backend|"
    # a reference to a secret (Kubernetes' `secret_ref`, `secretKeyRef`), not the secret
    r"ref|refs|reference)$"
)
_CAMEL_BOUNDARY = compiled_on_first_use(r"(?<=[a-z0-9])(?=[A-Z])")


def is_credential_name(name: str) -> bool:
    """`password`, `API_KEY`, `clientSecret`, `Authorization`, `X-Auth-Token` yes; `token_type`,
    `TOKEN_URL`, `next_token` no. Redaction hides any value under such a name."""
    snake = _CAMEL_BOUNDARY.sub("_", name).lower().replace("-", "_")
    return bool(_CREDENTIAL_WORD.search(snake)) and not _NOT_A_CREDENTIAL.search(snake)


def without_scheme(text: str) -> str:
    """`abc…` of an Authorization value `Bearer abc…` / `token abc…`."""
    scheme = _SCHEME.match(text)
    return text[scheme.end():] if scheme else text


# -- what a literal under a credential name is when it is no secret -----------------------------
# Measured on the triaged corpus (benchmarks/triage): the names of environment variables and
# settings (`AZURE_CLIENT_SECRET = "AZURE_CLIENT_SECRET"`), the fields a credential file holds
# (botocore's `SECRET_KEY = 'AWSSecretKey'`, google-auth's `"private_key"`), a config path
# (`"oauth.client_secret"`), flags, numbers and lifetimes under names that mention a token
# (`os.getenv("JWT_EXPIRES_IN", "4w")`).

_ENV_NAME = compiled_on_first_use(r"(?<![A-Z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")  # look-behind: linear
_FLAG_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "none", "null", "enabled", "disabled"})
# the words of a field or setting name that says which credential it holds
_CREDENTIAL_WORDS = frozenset({
    "aws", "azure", "gcp", "google", "github", "gitlab", "slack", "stripe", "secret", "access", "key", "token",
    "password", "client", "api", "session", "private", "auth", "oauth", "refresh", "jwt", "signing", "app",
    "credential", "credentials", "consumer", "tenant", "account", "encryption", "hmac", "webhook", "service", "id",
})
# an identifier: snake_case, camelCase, PascalCase, dotted (each separator between two runs: linear)
_IDENTIFIER = compiled_on_first_use(r"[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)*")
_WORD_BOUNDARY = compiled_on_first_use(r"[._]|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")  # AWS|Secret|Key
# a count or a lifetime: `8192`, `1h`, `4w`, `30 days`, `0.5`
_NUMBER_OR_DURATION = compiled_on_first_use(
    r"-?\d+(?:\.\d+)?\s*(?:ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|years?)?", re.I
)
# JWS algorithm names, alone or listed (`"HS256,RS256,ES256"`): an algorithms setting
_ALGORITHM_LIST = compiled_on_first_use(r"(?:HS|RS|ES|PS)(?:256|384|512)K?|EdDSA|none", re.I)
_LIST_SEPARATOR = compiled_on_first_use(r"[,\s]+")
# Words programmers write where any value will do. No provider issues such a credential, so
# given to a service they are placeholders (botocore builds a client it never sends with
# `aws_access_key_id='foo'`); as a key the code signs with they are the key, and weak.
# metasyntactic words, and words saying the value is a stand-in (`aws_secret_access_key="dummy"`
# for a local DynamoDB emulator, which takes any key; LocalStack documents "test" / "test" as
# its keys): no service issues them
_METASYNTACTIC = frozenset({"foo", "bar", "baz", "qux", "quux", "foobar", "spam", "eggs", "hoge", "fuga",
                            "dummy", "fake", "mock", "test"})


def _field_name(text: str) -> bool:
    """`private_key`, `AWSSecretKey`, `oauth.client_secret`: an identifier made of two or more
    credential words names a field or setting; a secret has a word of its own (`my_jwt_key`)."""
    if len(text) > 64 or not _IDENTIFIER.fullmatch(text):
        return False
    words = [word.lower() for word in _WORD_BOUNDARY.split(text) if word]
    return len(words) >= 2 and all(word in _CREDENTIAL_WORDS for word in words)


# the name of an HTTP header that carries a secret: `x-oss-meta-client-side-encryption-key`
_HEADER_NAME = compiled_on_first_use(r"[xX]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")


def is_reference(text: str) -> bool:
    """A literal under a credential name that says where the secret is, not what it is (a path,
    a URL, a file name, the name of the variable, setting, field or HTTP header that holds
    it), or is no secret at all (a public key, a certificate, a flag's value)."""
    stripped = text.strip()
    return bool(_ENV_NAME.fullmatch(stripped)) or stripped.lower() in _FLAG_WORDS or _field_name(stripped) or (
        is_location(stripped) or _relative_route(stripped)
    ) or bool(_HEADER_NAME.fullmatch(stripped)) or _name_template(stripped) or _sentinel(stripped) or (
        stripped[-1:] in "_-" and bool(_TOKEN_PREFIX.fullmatch(stripped))
    ) or (
        ("(?" in stripped or "[" in stripped) and bool(_REGEX_SOURCE.search(stripped))  # the test first: no compile
    )


# a regular expression's source, which matches secrets rather than being one (a scanner's
# `secret_key = r"(?P<secret_key>[A-Za-z0-9+/]{10,})"`): a group with options (`(?P<`, `(?:`,
# `(?=`, `(?!`) or a character class repeated (`[a-z0-9]+`, `[A-Z]{4}`). Neither is drawn from
# the alphabets keys are made of (base64, hex, Django's `!@#$%^&*(-_=+)`); `[^][]`: linear.
_REGEX_SOURCE = compiled_on_first_use(r"\(\?(?:P<|[:=!])|\[[^\][]*\](?:[+*?]|\{\d)")


# a token format's prefix alone, ending in its separator (`"gcs_"`, `"sk_live_"`: a table of the
# prefixes a library puts before the random part it draws); no key ends in a separator so short
_TOKEN_PREFIX = compiled_on_first_use(r"[a-z]{1,6}(?:[_-][a-z]{1,6})?[_-]")


# a format placeholder: `{}`, `{0}`, `{profile}`, `%s`
_FORMAT_FIELD = compiled_on_first_use(r"\{\w*\}|%s")


def _name_template(text: str) -> bool:
    """`"{}_SECRET_ACCESS_KEY"`: the name of an environment variable with a placeholder for its
    prefix (localstack's names of a profile's variables), not a value."""
    if "{" not in text and "%s" not in text:
        return False
    bare = _FORMAT_FIELD.sub("", text).strip("_")
    return bare != text and bool(_ENV_NAME.fullmatch(bare))


def _sentinel(text: str) -> bool:
    """`"__internal_call__"`: a marker value named like a dunder (localstack's credentials for
    its own internal calls, which its emulator accepts from anyone), not a secret."""
    return len(text) > 4 and text.startswith("__") and text.endswith("__") and text[2:-2].replace("_", "").isalnum()


# a relative API route: words of letters between slashes (`customer/fetchApiEncKey`)
_ROUTE = compiled_on_first_use(r"(?<![A-Za-z_/-])[A-Za-z][A-Za-z_-]*(?:/[A-Za-z][A-Za-z_-]*)+/?")  # look-behind: linear
# a word of a route that names an action or a resource: camelCase, snake_case or kebab-case
_COMPOUND_WORD = compiled_on_first_use(r"[a-z][A-Z]|[A-Za-z][_-][A-Za-z]")


def _relative_route(text: str) -> bool:
    """`"encryption_key": "customer/fetchApiEncKey"` in a client's table of routes: the relative
    path of the endpoint that hands the key out, words of letters between slashes with a
    compound word among them (or three words); no digit, as a random key has."""
    return len(text) <= 200 and bool(_ROUTE.fullmatch(text)) and (
        bool(_COMPOUND_WORD.search(text)) or text.strip("/").count("/") >= 2)


def is_location(text: str) -> bool:
    """Where a key is, or a key that is public: a path, a URL, a key file's name, a public key
    or certificate. Given to a signing call these are no secret; a name or a flag is the key
    there (`jwt.encode(payload, "JWT_SECRET")` signs with those ten characters)."""
    stripped = text.strip()
    if stripped.startswith(("-----BEGIN PUBLIC KEY", "-----BEGIN CERTIFICATE", "-----BEGIN RSA PUBLIC KEY", "ssh-")):
        return True
    if stripped.startswith(".") and _IDENTIFIER.fullmatch(stripped.lstrip(".")):
        return True  # `".types"`: a relative module path (a lazy-import map's), where a class is defined
    return (
        stripped.startswith(("/", "./", "../", "~", "file:", "env:", "vault:", "arn:", "projects/"))
        or "://" in stripped or stripped.lower().endswith((".pem", ".key", ".json", ".p12", ".crt", ".txt"))
    )


def is_setting_value(text: str) -> bool:
    """A count, a lifetime, a flag or JWS algorithm names (`"8192"`, `"1h"`, `"True"`,
    `"HS256,RS256"`): what a setting whose name mentions a token holds
    (`BRAVE_SEARCH_CONTEXT_TOKENS`, `JWT_EXPIRES_IN`, `JWT_AUTH_ALGORITHMS`), never a token."""
    stripped = text.strip()
    if len(stripped) <= 32 and (bool(_NUMBER_OR_DURATION.fullmatch(stripped)) or stripped.lower() in _FLAG_WORDS):
        return True
    names = [name for name in _LIST_SEPARATOR.split(stripped) if name] if len(stripped) <= 200 else []
    return bool(names) and all(_ALGORITHM_LIST.fullmatch(name) for name in names)


# words saying a value stands in for the real one
_STAND_IN_WORDS = frozenset({"test", "dummy", "fake", "mock", "sample", "example", "placeholder"})


def names_its_field(text: str, field: str) -> bool:
    """A fill-in that says what goes there: credential words in capitals (`"PASSWORD"`,
    `"CLIENT-SECRET"`), the field's own name written out (`consumer_secret =
    'Consumer secret'`), or a phrase naming it (`client_secret = "IDP Provided Secret"`). No
    service issues such a value; a key the code signs with may be one, so only issued
    credentials take this as a placeholder (NHL301)."""
    stripped = text.strip()
    if not stripped or len(stripped) > 64:
        return False
    words = [word for word in stripped.replace("-", " ").replace("_", " ").split(" ") if word]
    if stripped.isupper() and words and all(word.isalpha() and word.lower() in _CREDENTIAL_WORDS for word in words):
        return True
    spelled = "_".join(word.lower() for word in words)
    field_words = field.lower().replace("-", "_")
    if spelled and spelled == field_words:
        return True
    # the field's name, or its last words, after a stand-in word (`OIDC_CLIENT_SECRET` falling
    # back to `"dummy_client_secret"`, an OpenID provider's secret left unset): no service
    # issues it either
    first, _, rest = spelled.partition("_")
    if first in _STAND_IN_WORDS and rest and (rest == field_words or field_words.endswith("_" + rest)):
        return True
    # a phrase of words naming what goes there (`client_secret = "IDP Provided Secret"`): a
    # description in a configuration template, spaces between its words, the field's own
    # last word among them; an issued secret has no spaces
    phrase = stripped.split()
    last = field.lower().replace("-", "_").rsplit("_", 1)[-1]
    return len(phrase) >= 2 and all(word.isalpha() for word in phrase) and last in (word.lower() for word in phrase)


def is_metasyntactic(text: str) -> bool:
    """`foo`, `bar`: a value written where any will do."""
    return text.strip().lower() in _METASYNTACTIC
