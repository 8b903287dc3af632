"""The read API, v1: ``/api/v1/…`` (django-ninja; the OpenAPI 3.1 schema is generated from
these views, ``/api/v1/openapi.json``, and shown at ``/api/``)."""
