"""The publisher list: which class a link's host falls in, matched on whole labels."""

from __future__ import annotations

import pytest
import yaml

from bot.core.publishers import Publishers, host_of, is_ip_host
from tests.conftest import ROOT

LIST = Publishers.from_yaml({
    "dangcongsan.vn": "official",
    "gov.vn": "official",
    "thuvienphapluat.com": "legal-db",
    "tintuc.thuvienphapluat.com": "other",
    "vnexpress.net": "press",
    "vndoc.com": "other",
    "bad.example": "blog",  # not a class: left out (the schema reports it)
})


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://dangcongsan.vn/a", "official"),
        ("https://tulieuvankien.dangcongsan.vn/a", "official"),
        ("HTTPS://DANGCONGSAN.VN/a", "official"),
        ("https://dangcongsan.vn./a", "official"),
        ("https://giangthanh.angiang.gov.vn/a", "official"),
        ("https://thuvienphapluat.com/a", "legal-db"),
        ("https://tintuc.thuvienphapluat.com/a", "other"),
        ("https://vnexpress.net:443/a", "press"),
        ("https://vndoc.com/a", "other"),
        ("https://evildangcongsan.vn/a", None),
        ("https://dangcongsan.vn.example.com/a", None),
        ("https://gov.vn.example.com/a", None),
        ("https://vn/a", None),
        ("https://bad.example/a", None),
        ("http://118.69.201.250:801/a", None),
        ("not a link", None),
    ],
    ids=["domain", "subdomain", "upper-case", "trailing-dot", "gov-vn-suffix",
         "legal-db", "longest-match-wins", "port", "other", "not-a-label-boundary",
         "domain-inside-another", "suffix-inside-another", "top-level-only",
         "unknown-class-dropped", "ip", "no-host"],
)
def test_classify(url: str, expected: str | None) -> None:
    assert LIST.classify(url) == expected
    assert LIST.kind_of(url) == (expected or "other")


@pytest.mark.parametrize(
    ("url", "host", "ip"),
    [
        ("http://118.69.201.250:801/x", "118.69.201.250", True),
        ("http://[2001:db8::1]/x", "2001:db8::1", True),
        ("https://thads.moj.gov.vn/x", "thads.moj.gov.vn", False),
        ("https://999.1.1.1/x", "999.1.1.1", False),
        ("mailto:someone", "", False),
    ],
    ids=["ipv4-with-port", "ipv6", "name", "not-an-address", "no-host"],
)
def test_ip_hosts(url: str, host: str, ip: bool) -> None:
    assert (host_of(url), is_ip_host(host_of(url))) == (host, ip)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://dangcongsan.vn/x", "official"),
        ("https://tulieuvankien.dangcongsan.vn/x", "official"),
        ("https://xaydungdang.org.vn/x", "official"),
        ("https://tapchicongsan.org.vn/x", "official"),
        ("https://vanban.chinhphu.vn/x", "official"),
        ("https://quochoi.vn/x", "official"),
        ("https://thads.moj.gov.vn/x", "official"),
        ("https://nghean.dcs.vn/x", "official"),
        ("https://thuvienphapluat.vn/x", "legal-db"),
        ("https://luatvietnam.vn/x", "legal-db"),
        ("https://vnexpress.net/x", "press"),
        ("https://truyenhinhcapsongthu.net/x", "other"),
    ],
)
def test_the_real_list_classes_the_sites_the_brief_names(url: str, expected: str) -> None:
    path = ROOT / "faq" / "sources" / "publishers.yaml"
    real = Publishers.from_yaml(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert real.classify(url) == expected
