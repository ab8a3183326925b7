# The server half of backend/local (sourced). Being written: until then the
# whole-stack commands only manage the database and say so.
cmd_up() { cmd_db_up; warn "server start is not implemented yet (only the database was started)"; }
cmd_down() { cmd_db_down; }
cmd_status() { cmd_db_status; }
cmd_env() { die "'env' is not implemented yet"; }
cmd_token() { die "'token' is not implemented yet"; }
