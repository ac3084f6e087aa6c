"""schemathesis hooks for scripts/contract.

tus sends file bytes as application/offset+octet-stream, which schemathesis
cannot generate by itself: give it a strategy of small files that start like
the kinds the API keeps (and, at times, like one it refuses).
"""

import schemathesis
from hypothesis import strategies as st

STARTS = [b"%PDF-1.7\n", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"MZ\x90\x00"]

schemathesis.openapi.media_type(
    "application/offset+octet-stream",
    st.tuples(st.sampled_from(STARTS), st.binary(max_size=64)).map(lambda parts: parts[0] + parts[1]),
)
