from datetime import datetime, timedelta

from jose import jwt
from sqlalchemy import Column, Integer, LargeBinary, String

from incidents.config import JWT_ALG, JWT_EXP, JWT_SECRET
from incidents.database import Base


class IncidentUser(Base):
    __tablename__ = "incident_user"

    id = Column(Integer, primary_key=True)
    email = Column(String, unique=True)
    password = Column(LargeBinary, nullable=False)

    @property
    def token(self):
        now = datetime.utcnow()
        claims = {"exp": (now + timedelta(seconds=JWT_EXP)).timestamp(), "email": self.email}
        return jwt.encode(claims, str(JWT_SECRET), algorithm=JWT_ALG)  # expect: NHL402
