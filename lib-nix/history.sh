# sandboxc: interactive shell history with time stamps, copied into the journal
# (tag sandboxc-history) after every command. Sourced by interactive bash shells.
export HISTTIMEFORMAT="%F %T "
shopt -s histappend
__sandboxc_history() {
  local status=$? entry
  entry=$(HISTTIMEFORMAT='' builtin history 1)
  entry=${entry#"${entry%%[![:space:]]*}"}
  if [ -n "$entry" ] && [ "$entry" != "${__sandboxc_last_entry:-}" ]; then
    logger --tag sandboxc-history -- "${USER:-?} ${PWD}: ${entry#*[[:space:]]}"
    __sandboxc_last_entry=$entry
  fi
  return "$status"
}
PROMPT_COMMAND="__sandboxc_history${PROMPT_COMMAND:+; $PROMPT_COMMAND}"
