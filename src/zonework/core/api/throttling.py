"""Rate limits for the API: token logins per address, writes per user.

The rates are read from settings.ZONEWORK_THROTTLE_RATES on every request (DRF's own classes bind
them at import), so a deployment or a test can change them without a restart of the class.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ZoneworkRateThrottle(SimpleRateThrottle):
    def __init__(self):
        # Deliberately not calling super().__init__: it reads the rate once; get_rate reads it each time.
        pass

    def get_rate(self):
        return settings.ZONEWORK_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def wait(self):
        return super().wait() if self.rate else None


class LoginRateThrottle(ZoneworkRateThrottle):
    """Token logins from one address (the lockout counts failures; this caps attempts of any kind)."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class WriteRateThrottle(ZoneworkRateThrottle):
    """Writes of one user (or one address when anonymous); reads are not limited."""

    scope = "writes"

    def allow_request(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        ident = f"u{user.pk}" if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
