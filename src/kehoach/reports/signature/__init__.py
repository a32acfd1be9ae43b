"""Chữ ký số: PAdES signing of issued PDFs with pyHanko, verification, and a throwaway PKI for the demo."""
