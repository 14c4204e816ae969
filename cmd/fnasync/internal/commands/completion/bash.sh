# bash completion for fnasync. Load it in this shell with
#   source <(fnasync completion bash)
# or for every shell, save it as
#   ~/.local/share/bash-completion/completions/fnasync
_fnasync_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}" opts
  local words=("${COMP_WORDS[@]:0:COMP_CWORD}")
  if [[ "$cur" == -* ]]; then
    # after a "--" fnasync would take the request as an argument: ask with "-"
    opts=$("${words[@]}" "${cur/#--/-}" --generate-bash-completion 2>/dev/null)
  else
    # flags offered here would be for a flag's value (-f FILE): files instead
    opts=$("${words[@]}" --generate-bash-completion 2>/dev/null | grep -v '^-')
  fi
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o bashdefault -o default -F _fnasync_complete fnasync
