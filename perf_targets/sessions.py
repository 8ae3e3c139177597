"""Database sessions (Django's own table and format), read with one plain SQL statement.

Every page reads the session first; Django's backend builds that one-row query through the ORM, which cost about as
much as the rest of a dashboard answered from the cache (make bench). The statement, the expiry test and the result
are Django's; writing, rotating and deleting sessions are untouched.
"""
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {connection.ops.quote_name(model._meta.db_table)} "
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # missing or expired: a new session, as Django's backend does
            return {}
        return self.decode(row[0])
