from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from zonework.core.scope import ScopeDenied
from zonework.core.validation import api_detail


def exception_handler(exc, context):
    if isinstance(exc, ScopeDenied):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, DjangoValidationError):
        return Response(api_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    return drf_handler(exc, context)
