"""Pure decisions for driving a change-management server (Bytebase): data in, data out."""
