#compdef fnasync
# zsh completion for fnasync. Load it in this shell with
#   source <(fnasync completion zsh)
# or save it as _fnasync in a directory of your $fpath.
_fnasync() {
  local -a opts
  local cur=${words[-1]}
  if [[ "$cur" == -* ]]; then
    # after a "--" fnasync would take the request as an argument: ask with "-"
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur/#--/-} --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion 2>/dev/null)}")
    # flags offered here would be for a flag's value (-f FILE): files instead
    opts=(${opts:#-*})
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}
if [[ "$funcstack[1]" == "_fnasync" ]]; then
  _fnasync "$@"
else
  compdef _fnasync fnasync
fi
