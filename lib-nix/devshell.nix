# sandboxc devShell (copied verbatim into every generated flake): the microvm.nix
# runner (microvm-run, and virtiofsd-run when a share uses virtiofs) plus the
# sandbox-up launcher, which prepares the host side and boots the VM.
{ pkgs, nixos }:
let
  inherit (pkgs) lib;
  cfg = nixos.config.sandboxc;
  mc = nixos.config.microvm;
  runner = mc.declaredRunner;
  sockets = map (s: s.socket) (builtins.filter (s: s.proto == "virtiofs") mc.shares);

  sandboxUp = pkgs.writeShellApplication {
    name = "sandbox-up";
    runtimeInputs = [ runner pkgs.coreutils pkgs.util-linux ];
    text = ''
      SANDBOX_NAME=${lib.escapeShellArg cfg.name}
      SANDBOX_TIMEOUT=${toString cfg.launcher.timeout}
      # Paths keep their `~`: the script resolves it against the caller's $HOME.
      # shellcheck disable=SC2088
      SANDBOX_SHARES=(${lib.escapeShellArgs (map (s: "${s.tag}=${s.hostPath}") cfg.launcher.shares)})
      SANDBOX_SOCKETS=(${lib.escapeShellArgs sockets})
      # shellcheck disable=SC2088
      SANDBOX_KEY_FILES=(${lib.escapeShellArgs cfg.launcher.keyFiles})
      SANDBOX_HOST_ENV=(${lib.escapeShellArgs cfg.launcher.hostEnv})
      # shellcheck disable=SC2088
      SANDBOX_SECRETS=(${lib.escapeShellArgs (map (x: "${x.name}=${x.from}") cfg.launcher.secrets)})
      # shellcheck disable=SC2088
      SANDBOX_VOLUMES=(${lib.escapeShellArgs (map (v: "${v.name}=${v.hostPath}") cfg.launcher.volumes)})
    '' + builtins.readFile ./sandbox-up.sh;
  };
in
pkgs.mkShell {
  name = "sandbox-${cfg.name}";
  packages = [ runner sandboxUp ];
  shellHook = ''
    echo "sandbox ${cfg.name}: run 'sandbox-up' to boot it (${toString mc.mem} MiB, ${toString mc.vcpu} vCPUs, ${if cfg.launcher.timeout == 0 then "no time limit" else "stops after ${toString cfg.launcher.timeout} s"})" >&2
  '';
}
