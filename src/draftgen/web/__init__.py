"""The local web page: FastAPI app (``app``), JSON API (``api``), HTML pages (``pages``).

Installed with the ``web`` extra (``pip install "draftgen[web]"``); nothing else in draftgen imports it.
"""
