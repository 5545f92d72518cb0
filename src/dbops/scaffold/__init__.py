"""Files dbops writes for users: new migrations and a starter repository (`dbops init`)."""
