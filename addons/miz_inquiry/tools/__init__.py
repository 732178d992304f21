"""Pure helpers of miz_inquiry (no Odoo import here: plain pytest loads this package as ``miz_inquiry_tools``).

- ``soap``: SOAP 1.1 envelopes of the inquiry service (parse requests, build responses and faults, render the WSDL).
"""

from . import soap

__all__ = ["soap"]
