"""The brand kit: brand.yml resolved into colours, fonts, logos and page settings."""

from briefing.brand.kit import Brand, check_brand, load_brand, read_brand

__all__ = ["Brand", "check_brand", "load_brand", "read_brand"]
