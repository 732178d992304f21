from miz_khedmat_online_tools import otp, uploads


def guess(data):
    if data.startswith(b"%PDF"):
        return "application/pdf"
    if data.startswith(b"\x89PNG"):
        return "image/png"
    return "application/octet-stream"


def test_content_decides_not_the_name():
    assert uploads.check(b"%PDF-1.4", "scan.pdf", guess) is None
    assert uploads.check(b"MZ\x90\x00", "scan.pdf", guess) == "type"
    assert uploads.check(b"\x89PNG\r\n", "scan.pdf", guess) == "extension"
    assert uploads.check(b"\x89PNG\r\n", "Scan.PNG", guess) is None
    assert uploads.check(b"", "scan.pdf", guess) == "empty"
    assert uploads.check(b"%PDF" + b"0" * 20, "scan.pdf", guess, max_bytes=10) == "too_large"


def test_safe_name():
    assert uploads.safe_name("../../etc/passwd") == "passwd"
    assert uploads.safe_name("C:\\Users\\x\\سند.pdf") == "سند.pdf"
    assert uploads.safe_name("") == "document"
    assert len(uploads.safe_name("a" * 300 + ".pdf")) == 120
    assert uploads.safe_name("a" * 300 + ".pdf").endswith(".pdf")


def test_codes_and_digests():
    assert otp.new_code(lambda n: 7) == "777777"
    assert len(otp.new_code()) == otp.CODE_LENGTH
    stored = otp.digest("secret", "tok:123456")
    assert otp.matches("secret", "tok:123456", stored)
    assert not otp.matches("secret", "tok:123457", stored)
    assert not otp.matches("other", "tok:123456", stored)
    assert "123456" not in stored
    assert otp.new_token() != otp.new_token()
