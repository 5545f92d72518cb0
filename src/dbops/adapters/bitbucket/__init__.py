"""Bitbucket Cloud: the REST client (auth, retries, pagination), PR comments, Code Insights and
pull-request approvals. Everything here talks HTTP; what is said is rendered in dbops.publish."""
