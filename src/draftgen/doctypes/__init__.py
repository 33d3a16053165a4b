"""Document types: each declares its key (``loai``), model, resolve to a view model, and template.

:mod:`.registry` holds the table (facts in ``data/doc_types.yaml``); :mod:`.parts` what every type shares
(header and footer); one module per type (:mod:`.cong_van` …).
"""

from __future__ import annotations
