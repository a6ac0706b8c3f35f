from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
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
    if isinstance(exc, IntegrityError | ProtectedError | RestrictedError):
        # A delete (or write) the database refused because other rows still point at the row.
        return Response({"detail": "该记录仍被其他记录引用，不能删除或修改。请先处理引用它的记录。"},
                        status=status.HTTP_409_CONFLICT)
    return drf_handler(exc, context)
