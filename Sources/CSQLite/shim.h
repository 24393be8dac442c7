// `import SQLite3` does not exist on Linux: this shim exposes the system sqlite3 (libsqlite3-dev).
#include <sqlite3.h>
