from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import sessionmaker

db = SQLAlchemy()

#: a second, plain session factory for reporting queries (bound in create_app)
ReportSession = sessionmaker()
