"""A PDF as a scanner would give it back: every page rasterised, speckled and slightly rotated,
stored as page images without a text layer (no Pillow needed: PNG written by hand, the pages put
together by typst)."""

from __future__ import annotations

import random
import struct
import tempfile
import zlib
from pathlib import Path


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    data = zlib.compress(b"".join(b"\0" + row for row in rows), 6)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def scan(pdf_bytes: bytes, rng: random.Random, dpi: int = 200) -> bytes:
    """The scanned edition of a PDF: grey page images at ``dpi`` with a speckle of noise (one pixel
    in 4,000) and a rotation of up to 0.8 degrees, one image a page, no text."""
    import pypdfium2 as pdfium
    import typst

    pdf = pdfium.PdfDocument(pdf_bytes)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        pages = []
        for n in range(len(pdf)):
            bitmap = pdf[n].render(scale=dpi / 72, grayscale=True)
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            pixels = bytearray(bytes(bitmap.buffer))
            bitmap.close()
            for _ in range(width * height // 4000):
                pixels[rng.randrange(height) * stride + rng.randrange(width)] = rng.choice((60, 120, 180))
            rows = [bytes(pixels[y * stride : y * stride + width]) for y in range(height)]
            (root / f"p{n}.png").write_bytes(_png(width, height, rows))
            angle = rng.uniform(-0.8, 0.8)
            pages.append(
                f'#page(width: 210mm, height: 297mm, margin: 0pt)[#rotate({angle:.2f}deg)[#image("p{n}.png", width: 100%)]]'
            )
        pdf.close()
        (root / "scan.typ").write_text("\n".join(pages), encoding="utf-8")
        return typst.compile(str(root / "scan.typ"), root=str(root), format="pdf")
