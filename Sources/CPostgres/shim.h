// libpq, PostgreSQL's C client library (Debian libpq-dev), for the PostgreSQL booking store.
#include <libpq-fe.h>
