"""zeep's WS-Security UsernameToken (PasswordText) with a fresh ``Nonce`` and ``wsu:Created`` on every message.

``zeep.wsse.UsernameToken(user, password)`` sends PasswordText without Nonce and Created (it adds them only to a
PasswordDigest); the miz service requires both, so that a captured message cannot be replayed. This subclass is
what our outbound client uses; any SOAP stack that sends ``Username``, ``Password`` (PasswordText), ``Nonce`` and
``wsu:Created`` (WSS4J, WCF, ``soap.build_security`` here) is accepted alike. No Odoo import.
"""

import base64
import os

from zeep.wsse import utils
from zeep.wsse.username import UsernameToken

from . import soap


class UsernameTokenWithNonce(UsernameToken):
    """PasswordText + Nonce (16 random bytes, base64) + Created (UTC, ``Z``), new for each message unless the
    ``nonce``/``created`` given to the constructor fix them (tests of replays and stale messages)."""

    def _create_password_text(self):
        nonce = self.nonce.encode("utf-8") if self.nonce else os.urandom(16)
        return [
            *super()._create_password_text(),
            utils.WSSE.Nonce(base64.b64encode(nonce).decode("ascii"), EncodingType=soap.BASE64_BINARY),
            utils.WSU.Created(utils.get_timestamp(self.created, zulu_timestamp=True)),
        ]
