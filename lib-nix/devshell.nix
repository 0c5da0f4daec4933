# sandboxc devShell (copied verbatim into every generated flake): the microvm.nix
# runner (microvm-run) plus the sandbox-up launcher, which prepares the host side,
# starts one virtiofsd per virtiofs share (read-only ones with --readonly, which
# microvm.nix's virtiofsd-run cannot do per share) and boots the VM.
{ pkgs, nixos }:
let
  inherit (pkgs) lib;
  cfg = nixos.config.sandboxc;
  mc = nixos.config.microvm;
  runner = mc.declaredRunner;
  virtiofsShares = builtins.filter (s: s.proto == "virtiofs") mc.shares;
  # What microvm.nix's virtiofsd-run passes to every daemon (nixos-modules/microvm/virtiofsd).
  virtiofsdArgs = [ "--posix-acl" "--xattr" ]
    ++ lib.optional (mc.virtiofsd.inodeFileHandles != null) "--inode-file-handles=${mc.virtiofsd.inodeFileHandles}"
    ++ mc.virtiofsd.extraArgs;
  access = s: if builtins.elem s.tag cfg.launcher.readOnlyTags then "ro" else "rw";

  # Seals a run's record folder with a SHA-256 chain, and checks one later.
  sandboxAudit = pkgs.writeShellApplication {
    name = "sandbox-audit";
    runtimeInputs = [ pkgs.python3 ];
    text = ''
      exec python3 ${./audit-chain.py} "$@"
    '';
  };

  # cloud-hypervisor's vsock: the sink that appends the guest's records to the run's files.
  records = cfg.records;
  recordSink = pkgs.writeScript "sandboxc-record-sink" ("#!${pkgs.python3}/bin/python3\n" + builtins.readFile ./record-sink.py);

  sandboxUp = pkgs.writeShellApplication {
    name = "sandbox-up";
    runtimeInputs = [ runner sandboxAudit pkgs.coreutils pkgs.util-linux ] ++ lib.optional (virtiofsShares != [ ]) pkgs.virtiofsd;
    text = ''
      SANDBOX_NAME=${lib.escapeShellArg cfg.name}
      SANDBOX_TIMEOUT=${toString cfg.launcher.timeout}
      # Paths keep their `~`: the script resolves it against the caller's $HOME.
      # shellcheck disable=SC2088
      SANDBOX_SHARES=(${lib.escapeShellArgs (map (s: "${s.tag}=${s.hostPath}") cfg.launcher.shares)})
      SANDBOX_HYPERVISOR=${lib.escapeShellArg mc.hypervisor}
      # One virtiofsd per share: TAG|SOCKET|SOURCE|ro or rw.
      SANDBOX_VIRTIOFS=(${lib.escapeShellArgs (map (s: "${s.tag}|${s.socket}|${s.source}|${access s}") virtiofsShares)})
      SANDBOX_VIRTIOFSD_ARGS=(${lib.escapeShellArgs virtiofsdArgs})
      SANDBOX_TASKS=${if cfg.task.agent != null then "1" else "0"}
      # How the guest's records reach the run's folder: virtio-serial (qemu writes the files
      # itself), vsock (the record sink appends what arrives on PORT to FILE), or none.
      SANDBOX_RECORD_CHANNEL=${if records.channel == null then "none" else records.channel}
      SANDBOX_RECORD_STREAMS=(${lib.escapeShellArgs (map (s: "${toString s.port}|${s.file}") records.streams)})
      SANDBOX_TASK_TEXT_PORT=${toString records.taskTextPort}
      SANDBOX_RECORD_SINK=${if records.channel == "vsock" then recordSink else ""}
      # Empty: as many threads as CPUs (microvm.nix's default, the shell text "`nproc`").
      SANDBOX_VIRTIOFSD_THREADS=${if builtins.isInt mc.virtiofsd.threadPoolSize then toString mc.virtiofsd.threadPoolSize else ""}
      # shellcheck disable=SC2088
      SANDBOX_KEY_FILES=(${lib.escapeShellArgs cfg.launcher.keyFiles})
      SANDBOX_HOST_ENV=(${lib.escapeShellArgs cfg.launcher.hostEnv})
      # shellcheck disable=SC2088
      SANDBOX_SECRETS=(${lib.escapeShellArgs (map (x: "${x.name}=${x.from}") cfg.launcher.secrets)})
      # shellcheck disable=SC2088
      SANDBOX_VOLUMES=(${lib.escapeShellArgs (map (v: "${v.name}=${v.hostPath}") cfg.launcher.volumes)})
    '' + builtins.readFile ./sandbox-up.sh;
  };

  # nix run .#NAME-task -- "TASK", and the devShell command of the same name.
  sandboxTask = pkgs.writeShellApplication {
    name = "${cfg.name}-task";
    runtimeInputs = [ sandboxUp ];
    text = ''
      if [ $# -ne 1 ]; then
        echo "usage: ${cfg.name}-task \"TASK TEXT\"" >&2
        exit 2
      fi
      exec sandbox-up --task "$1"
    '';
  };
in
pkgs.mkShell {
  name = "sandbox-${cfg.name}";
  packages = [ runner sandboxUp sandboxAudit ] ++ lib.optional (cfg.task.agent != null) sandboxTask;
  passthru.task = sandboxTask;
  shellHook = ''
    echo "sandbox ${cfg.name}: run 'sandbox-up' to boot it (${toString mc.mem} MiB, ${toString mc.vcpu} vCPUs, ${if cfg.launcher.timeout == 0 then "no time limit" else "stops after ${toString cfg.launcher.timeout} s"})" >&2
  '';
}
