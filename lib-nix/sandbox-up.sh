# sandbox-up (body; the variables above are generated): boots the sandbox VM in
# the foreground and always cleans up after it.
#
#  1. finds the flake (the folder with sandboxc.json, looking up from $PWD);
#  2. makes a private runtime folder (0700) outside every share, where the share
#     links, virtiofsd sockets and the VM's control socket live;
#  3. links each share's host folder there (`~` is the caller's home, resolved now);
#     and each persistent volume's image (created empty on first use by the runner);
#     reads each secret from its environment variable or file into secrets/ there
#     (0700, on tmpfs when XDG_RUNTIME_DIR is), from where qemu reads it as a
#     fw_cfg item or virtiofsd shares it read-only; it is deleted when the VM stops;
#  4. starts one virtiofsd per virtiofs share, read-only shares with --readonly
#     (enforced on the host, not by a mount option the guest's root could undo),
#     and waits for their sockets;
#  5. runs microvm-run under the sandbox's time limit; tears everything down on exit.
#     On cloud-hypervisor a record sink listens on the vsock's per-port sockets
#     first, so the guest's records land in the run's folder as they do on qemu.
#     With --task TEXT (qemu, cloud-hypervisor): hands TEXT to the guest as data,
#     waits for the guest to say it started the agent, streams the agent's output,
#     and exits with the agent's status; 124 when the time limit stopped it, 125
#     when the VM did not start the task.
#
# The hypervisor and virtiofsd start with a cleared environment: only what they
# need, plus the variables the sandbox names in host-env. So API keys and cloud
# credentials exported in the caller's shell never reach them.
set -euo pipefail

die() {
  echo "sandbox-up: $*" >&2
  exit 1
}

# A host path as the generated flake writes it, resolved into $resolved: `~` is the
# caller's home, relative paths are relative to the flake's folder ($root).
host_path() {
  case $1 in
    \~) resolved=$HOME ;;
    \~/*) resolved="$HOME/${1#\~/}" ;;
    /*) resolved=$1 ;;
    *) resolved="$root/$1" ;;
  esac
}

# The virtiofs shares, from entries TAG|SOCKET|SOURCE|ro-or-rw, read once.
vfs_tags=() vfs_sockets=() vfs_sources=() vfs_access=()
for entry in "${SANDBOX_VIRTIOFS[@]}"; do
  IFS='|' read -r tag socket source access <<<"$entry"
  vfs_tags+=("$tag") vfs_sockets+=("$socket") vfs_sources+=("$source") vfs_access+=("$access")
done

task_given=0
task_text=
if [ $# -gt 0 ]; then
  if [ "$1" = --task ] && [ $# -eq 2 ]; then
    task_given=1
    task_text=$2
  else
    echo "usage: sandbox-up [--task TEXT]" >&2
    exit 2
  fi
fi
if [ "$task_given" -eq 1 ]; then
  [ "$SANDBOX_TASKS" = 1 ] || die "sandbox $SANDBOX_NAME cannot run tasks: that needs qemu or cloud-hypervisor, and an agent"
  [ -n "$task_text" ] || die "the task text is empty"
fi

root=${SANDBOXC_ROOT:-}
if [ -z "$root" ]; then
  dir=$PWD
  while :; do
    if [ -f "$dir/sandboxc.json" ] && [ -f "$dir/flake.nix" ]; then
      root=$dir
      break
    fi
    [ "$dir" = / ] && break
    dir=$(dirname "$dir")
  done
fi
[ -n "$root" ] || die "run this inside the folder of the generated flake (the one with sandboxc.json), or set SANDBOXC_ROOT"
root=$(cd "$root" && pwd -P)

base="${XDG_RUNTIME_DIR:-/tmp}/sandboxc-$(id -u)"
mkdir -p "$base"
chmod 0700 "$base"
if [ ! -O "$base" ] || [ -L "$base" ]; then
  die "$base is not a private folder of yours"
fi
key=$(printf '%s' "$root" | sha256sum | cut -c1-12)
run="$base/$SANDBOX_NAME-$key"
mkdir -p "$run"
chmod 0700 "$run"

exec 9>"$run/lock"
flock -n 9 || die "sandbox $SANDBOX_NAME from $root is already running"

virtiofsd_pids=()
sink_pid=
# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
  for pid in "${virtiofsd_pids[@]}" ${sink_pid:+"$sink_pid"}; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$run/shares" "$run/host" "$run/volumes" "$run/secrets"
  if [ -n "${records:-}" ] && [ -d "$records" ]; then
    # The chain's head, shown here, is what later proves the records untouched.
    if head=$(sandbox-audit seal "$records"); then
      echo "sandbox-up: records sealed, $head; check them with: sandbox-audit verify $records --head ${head%% *}" >&2
    else
      echo "sandbox-up: could not seal $records" >&2
    fi
  fi
  for socket in "${vfs_sockets[@]}"; do rm -f "$run/$socket"; done
  rm -f "$run"/notify.vsock_*
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$run/shares" "$run/host" "$run/volumes" "$run/secrets"
mkdir -m 0700 "$run/shares" "$run/host" "$run/volumes" "$run/secrets"

# Secret values go from the variable or file straight into a 0400 file: never an
# argument of any process, never in the environment of the hypervisor.
for entry in "${SANDBOX_SECRETS[@]}"; do
  name=${entry%%=*}
  from=${entry#*=}
  target="$run/secrets/$name"
  case $from in
    env:*)
      var=${from#env:}
      [ -n "${!var:-}" ] || die "secret $name: the environment variable $var is not set or empty; export it before sandbox-up"
      (umask 077 && printf '%s' "${!var}" >"$target")
      ;;
    file:*)
      host_path "${from#file:}"
      path=$resolved
      if [ ! -f "$path" ] || [ ! -r "$path" ]; then die "secret $name: cannot read $path"; fi
      (umask 077 && cat -- "$path" >"$target")
      ;;
    *) die "secret $name: unknown source $from" ;;
  esac
  [ -s "$target" ] || die "secret $name is empty"
  chmod 0400 "$target"
done
for entry in "${SANDBOX_SHARES[@]}"; do
  tag=${entry%%=*}
  host_path "${entry#*=}"
  path=$resolved
  [ -d "$path" ] || die "share $tag: $path is not a folder"
  ln -s "$(realpath "$path")" "$run/shares/$tag"
done

for entry in "${SANDBOX_VOLUMES[@]}"; do
  name=${entry%%=*}
  host_path "${entry#*=}"
  path=$resolved
  mkdir -p "$(dirname "$path")"
  [ -d "$path" ] && die "volume $name: $path is a folder, not an image file"
  ln -s "$path" "$run/volumes/$name.img"
done

if [ ${#SANDBOX_KEY_FILES[@]} -gt 0 ]; then
  : >"$run/host/authorized_keys"
  for file in "${SANDBOX_KEY_FILES[@]}"; do
    host_path "$file"
    file=$resolved
    [ -r "$file" ] || die "authorized key file $file cannot be read"
    cat "$file" >>"$run/host/authorized_keys"
  done
  chmod 0444 "$run/host/authorized_keys"
fi

# The environment of the hypervisor and its daemons.
vm_env=(env -i "PATH=$PATH" "HOME=$HOME" "TERM=${TERM:-dumb}" "LANG=${LANG:-C.UTF-8}")
[ -n "${XDG_RUNTIME_DIR:-}" ] && vm_env+=("XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR")
for name in "${SANDBOX_HOST_ENV[@]}"; do
  if [ -n "${!name+set}" ]; then vm_env+=("$name=${!name}"); fi
done

# The task text is data in a file (empty without --task): qemu hands it to the guest as
# a fw_cfg item, the record sink serves it over vsock.
(umask 077 && printf '%s' "$task_text" >"$run/task")

# A folder of this run's records on the host, outside every share: the egress
# proxy's decisions land there (audit/ in the runtime folder points to it).
state="${XDG_STATE_HOME:-$HOME/.local/state}/sandboxc/$SANDBOX_NAME-$key"
records="$state/$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$records"
chmod 0700 "$state" "$records"
ln -sfn "$records" "$run/audit"
echo "sandbox-up: records of this run go to $records" >&2

cd "$run"
threads=$SANDBOX_VIRTIOFSD_THREADS
case $threads in
  '' | *[!0-9]*) threads=$(nproc) ;;
esac
for i in "${!vfs_tags[@]}"; do
  tag=${vfs_tags[$i]}
  rm -f "$run/${vfs_sockets[$i]}"
  args=("--socket-path=$run/${vfs_sockets[$i]}" "--shared-dir=$run/${vfs_sources[$i]}" --thread-pool-size "$threads"
    "${SANDBOX_VIRTIOFSD_ARGS[@]}")
  if [ "${vfs_access[$i]}" = ro ]; then args+=(--readonly); fi
  if [ "$SANDBOX_HYPERVISOR" = crosvm ]; then args+=("--tag=$tag"); fi
  "${vm_env[@]}" virtiofsd "${args[@]}" >"$run/virtiofsd-$tag.log" 2>&1 &
  virtiofsd_pids+=("$!")
done
# Waits until SOCKET exists, giving up when process PID (WHAT, logging to LOG) dies or
# after LIMIT seconds: a daemon that never listens must not leave the VM hanging.
wait_for_socket() {
  local socket=$1 pid=$2 what=$3 log=$4 deadline=$((SECONDS + $5))
  until [ -S "$socket" ]; do
    kill -0 "$pid" 2>/dev/null || die "$what stopped; see $log"
    [ "$SECONDS" -lt "$deadline" ] || die "$what did not listen within $5 s; see $log"
    sleep 0.1
  done
}
for i in "${!vfs_tags[@]}"; do
  tag=${vfs_tags[$i]}
  wait_for_socket "$run/${vfs_sockets[$i]}" "${virtiofsd_pids[$i]}" "virtiofsd for share $tag" "$run/virtiofsd-$tag.log" 30
done

# cloud-hypervisor: the guest reaches host port P of its vsock at notify.vsock_P in the
# folder microvm-run starts in (this one). The sink appends each port's bytes to its
# record file and serves the task text; it is listening before the VM starts.
if [ "$SANDBOX_RECORD_CHANNEL" = vsock ] && [ ${#SANDBOX_RECORD_STREAMS[@]} -gt 0 ]; then
  sink_args=(--serve "$run/notify.vsock_$SANDBOX_TASK_TEXT_PORT" "$run/task")
  sink_sockets=("notify.vsock_$SANDBOX_TASK_TEXT_PORT")
  for entry in "${SANDBOX_RECORD_STREAMS[@]}"; do
    port=${entry%%|*}
    sink_args+=(--append "$run/notify.vsock_$port" "$records/${entry#*|}")
    sink_sockets+=("notify.vsock_$port")
  done
  "${vm_env[@]}" "$SANDBOX_RECORD_SINK" "${sink_args[@]}" >"$run/record-sink.log" 2>&1 &
  sink_pid=$!
  for socket in "${sink_sockets[@]}"; do
    wait_for_socket "$run/$socket" "$sink_pid" "the record sink" "$run/record-sink.log" 10
  done
fi

run_task() {
  : >"$records/task.out"
  : >"$records/task.status"
  "${vm_env[@]}" microvm-run </dev/null >"$records/console.log" 2>&1 &
  local vm=$! start=$SECONDS boot_limit=${SANDBOX_BOOT_LIMIT:-180} status="" timed_out=0 line tailer
  echo "sandbox-up: booting $SANDBOX_NAME for a task (console in $records/console.log)" >&2
  until grep -qx ready "$records/task.status"; do
    if ! kill -0 "$vm" 2>/dev/null; then
      echo "sandbox-up: the VM stopped before the task started; see $records/console.log" >&2
      return 125
    fi
    if [ $((SECONDS - start)) -ge "$boot_limit" ]; then
      kill "$vm" 2>/dev/null || true
      echo "sandbox-up: the guest did not start the task within $boot_limit s; see $records/console.log" >&2
      return 125
    fi
    sleep 0.2
  done
  tail -c +1 -s 0.2 --pid="$vm" -f "$records/task.out" &
  tailer=$!
  while :; do
    line=$(grep -m1 '^exit [0-9]*$' "$records/task.status" || true)
    if [ -n "$line" ]; then
      status=${line#exit }
      break
    fi
    kill -0 "$vm" 2>/dev/null || break
    if [ "$SANDBOX_TIMEOUT" -gt 0 ] && [ $((SECONDS - start)) -ge "$SANDBOX_TIMEOUT" ]; then
      timed_out=1
      break
    fi
    sleep 0.2
  done
  # The guest powers itself off after reporting; give it 30 s, then stop it.
  if [ "$timed_out" -eq 0 ]; then
    local waited=0
    while kill -0 "$vm" 2>/dev/null && [ "$waited" -lt 150 ]; do
      sleep 0.2
      waited=$((waited + 1))
    done
  fi
  kill "$vm" 2>/dev/null || true
  wait "$vm" 2>/dev/null || true
  wait "$tailer" 2>/dev/null || true
  if [ "$timed_out" -eq 1 ]; then
    echo "sandbox-up: the task reached the time limit of $SANDBOX_TIMEOUT s and was stopped" >&2
    return 124
  fi
  if [ -z "$status" ]; then
    echo "sandbox-up: the VM stopped before the task reported its status; see $records/console.log" >&2
    return 125
  fi
  return "$status"
}

status=0
if [ "$task_given" -eq 1 ]; then
  run_task || status=$?
  exit "$status"
fi
if [ "$SANDBOX_TIMEOUT" -eq 0 ]; then
  echo "sandbox-up: booting $SANDBOX_NAME (no time limit)" >&2
  "${vm_env[@]}" microvm-run || status=$?
else
  echo "sandbox-up: booting $SANDBOX_NAME (time limit ${SANDBOX_TIMEOUT} s)" >&2
  timeout --foreground --kill-after=15 "$SANDBOX_TIMEOUT" "${vm_env[@]}" microvm-run || status=$?
fi
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "sandbox-up: $SANDBOX_NAME reached its time limit and was stopped" >&2
fi
exit "$status"
