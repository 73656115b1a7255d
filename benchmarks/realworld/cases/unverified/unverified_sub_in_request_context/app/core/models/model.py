from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, String

from app.core.context.request_context import current_user


class AuditMixin:
    created_by = Column(String(100))
    modified_by = Column(String(100))
    deleted_by = Column(String(100))
    deleted_at = Column(DateTime(timezone=True))

    def mark_created(self):
        self.created_by = current_user()

    def soft_delete(self):
        self.deleted_by = current_user()
        self.deleted_at = datetime.now(timezone.utc)
