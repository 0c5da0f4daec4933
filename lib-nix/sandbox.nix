# sandboxc guest library (copied verbatim into every generated flake).
#
# A generated guest module sets `sandboxc.*` and `microvm.*`; this module turns
# the sandboxc options into NixOS configuration: the agent user, sudo policy,
# agent wrappers, git identity, sshd, audit logging and network plumbing.
# Nothing here reads the host: host-side work happens in the launchers.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption mkIf mkMerge types optional optionals;
  cfg = config.sandboxc;
  user = cfg.user.name;
  home = "/home/${user}";

  mc = config.microvm;
  # Same rule as microvm.nix's qemu runner (lib/runners/qemu.nix, requirePci): virtio
  # devices we add ourselves must sit on the same bus as microvm.nix's.
  requirePci = mc.graphics.enable || !(lib.hasPrefix "microvm" mc.qemu.machine)
    || mc.shares != [ ] || lib.any ({ bus, ... }: bus == "pci") mc.devices;
  devType = if requirePci then "pci" else "device";

  # How guest records and task results leave the VM as they are written: qemu's
  # virtio-serial ports, whose host side is a file chardev in the run's record folder
  # (audit/ in sandbox-up's runtime folder); or cloud-hypervisor's vsock, whose host side
  # is a Unix socket per port (notify.vsock_PORT, next to the runner's notify.vsock) that
  # sandbox-up's record sink appends to the same files. Either way the guest can append
  # to a record, never rewrite it. The other runners offer sandboxc neither.
  channel =
    if mc.hypervisor == "qemu" then "virtio-serial"
    else if mc.hypervisor == "cloud-hypervisor" then "vsock"
    else null;
  auditStreams = lib.optionals (channel != null) (lib.optional cfg.audit.journal {
    name = "journal";
    file = "journal.jsonl";
    port = 7101;
    command = "${pkgs.systemd}/bin/journalctl --follow --output=json --boot --no-tail";
  } ++ lib.optional cfg.audit.commands {
    name = "exec";
    file = "exec.log";
    port = 7102;
    command = "${pkgs.coreutils}/bin/tail --follow=name --retry --lines=+1 /var/log/audit/audit.log";
  });

  # Unattended runs (sandbox-up --task): the task text comes in as a qemu fw_cfg file or
  # from the record sink over vsock; the agent's output and exit status go back as records.
  taskEnabled = channel != null && cfg.task.agent != null;
  taskPorts = lib.optionals taskEnabled [
    { name = "task"; file = "task.out"; port = 7103; }
    { name = "status"; file = "task.status"; port = 7104; }
  ];
  taskTextPort = 7105;
  serialPorts = auditStreams ++ taskPorts;

  # A guest command that sends its standard input to the host as record NAME.
  socat = "${pkgs.socat}/bin/socat";
  sendTo = s:
    if channel == "vsock" then "${socat} -u STDIN VSOCK-CONNECT:2:${toString s.port}"
    else "${pkgs.coreutils}/bin/tee -a /dev/virtio-ports/org.sandboxc.${s.name} >/dev/null";
  portNamed = name: lib.findFirst (s: s.name == name) null taskPorts;

  agentModule = { name, ... }: {
    options = {
      package = mkOption { type = types.package; description = "The agent's nixpkgs package."; };
      binary = mkOption { type = types.str; description = "Executable inside the package."; };
      command = mkOption {
        type = types.str;
        default = name;
        description = "Name of the wrapper on PATH that starts the agent in its work directory.";
      };
      args = mkOption { type = types.listOf types.str; default = [ ]; description = "Arguments always passed."; };
      taskArgs = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Arguments that put the agent in non-interactive mode; the task text follows them.";
      };
      env = mkOption { type = types.attrsOf types.str; default = { }; description = "Environment always set."; };
      apiKeyEnv = mkOption { type = types.nullOr types.str; default = null; };
      secret = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Name of the secret the host delivers at launch under /run/sandboxc/secrets.";
      };
      workdir = mkOption { type = types.str; };
    };
  };

  # Starts the agent in its work directory with its flags; its terminal session is
  # recorded into the journal (tag sandboxc-transcript) when sessions are audited.
  wrapper = name: a: pkgs.writeShellApplication {
    name = a.command;
    runtimeInputs = [ a.package pkgs.coreutils pkgs.util-linux pkgs.systemd ];
    text = ''
      ${lib.concatStrings (lib.mapAttrsToList (k: v: "export ${k}=${lib.escapeShellArg v}\n") a.env)}
      ${lib.optionalString (a.secret != null && a.apiKeyEnv != null) ''
        secret_file=${lib.escapeShellArg "/run/sandboxc/secrets/${a.secret}"}
        if [ -r "$secret_file" ]; then
          ${a.apiKeyEnv}=$(cat "$secret_file")
          export ${a.apiKeyEnv}
        fi
      ''}
      cd ${lib.escapeShellArg a.workdir}
      cmd=(${lib.escapeShellArg "${a.package}/bin/${a.binary}"} ${lib.escapeShellArgs a.args} "$@")
      ${if cfg.audit.sessions then ''
        # script(1) keeps the agent on a terminal and copies the session to the journal.
        printf -v line '%q ' "''${cmd[@]}"
        exec env SHELL=${pkgs.bash}/bin/bash script --quiet --flush --return \
          --command "$line" >(${if cfg.audit.dir == null then "systemd-cat --identifier=sandboxc-transcript" else
            "tee -a ${lib.escapeShellArg "${cfg.audit.dir}/transcript-${name}.log"} | systemd-cat --identifier=sandboxc-transcript"})
      '' else ''
        exec "''${cmd[@]}"
      ''}
    '';
  };
in
{
  options.sandboxc = {
    name = mkOption { type = types.str; default = "sandbox"; description = "The sandbox's name (also the VM's host name)."; };

    user = {
      name = mkOption { type = types.str; default = "agent"; };
      sudo = mkOption { type = types.enum [ "none" "passwordless" ]; default = "none"; };
      gitName = mkOption { type = types.nullOr types.str; default = null; };
      gitEmail = mkOption { type = types.nullOr types.str; default = null; };
      authorizedKeys = mkOption { type = types.listOf types.str; default = [ ]; };
      authorizedKeysFromHost = mkOption {
        type = types.bool;
        default = false;
        description = "Public keys read on the host at launch, delivered in the read-only host share.";
      };
      initialPassword = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "A console password. It ends up in the world-readable Nix store.";
      };
    };

    agents = mkOption { type = types.attrsOf (types.submodule agentModule); default = { }; };

    secrets = mkOption {
      type = types.listOf (types.submodule {
        options = {
          name = mkOption { type = types.str; description = "The secret's name: /run/sandboxc/secrets/NAME in the guest."; };
          fwCfg = mkOption { type = types.str; description = "Its qemu fw_cfg item (opt/...), when delivered that way."; };
        };
      });
      default = [ ];
      description = "Secrets the host delivers at each start. Only names: values never enter the store.";
    };
    task.agent = mkOption {
      type = types.nullOr types.str;
      default = null;
      description = "The agent `sandbox-up --task` runs (qemu and cloud-hypervisor).";
    };

    records = mkOption {
      type = types.attrs;
      internal = true;
      readOnly = true;
      description = "How guest records reach the host (set by this module; read by the devShell's sandbox-up).";
    };

    secretDelivery = mkOption {
      type = types.enum [ "fw_cfg" "share" ];
      default = "fw_cfg";
      description = "qemu fw_cfg items, or a read-only share (hypervisors without fw_cfg).";
    };

    workdirs = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Shared folders git may treat as safe (they belong to the host user).";
    };

    audit = {
      commands = mkOption { type = types.bool; default = true; description = "auditd records every execve."; };
      sessions = mkOption { type = types.bool; default = true; description = "Agent transcripts and shell history go to the journal."; };
      journal = mkOption { type = types.bool; default = true; description = "Keep a (volatile) journal."; };
      egress = mkOption { type = types.bool; default = true; description = "The egress proxy logs each decision on the host."; };
      dir = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "A guest folder that also receives shell history and agent transcripts as files.";
      };
    };

    network = {
      restricted = mkOption {
        type = types.bool;
        default = false;
        description = "qemu user-mode NIC with restrict=on: no route out of the VM except the forwards.";
      };
      mac = mkOption { type = types.str; default = "02:00:00:00:00:01"; };
      id = mkOption { type = types.str; default = "sbx0"; };
      forwards = mkOption {
        type = types.listOf (types.submodule {
          options = {
            proto = mkOption { type = types.enum [ "tcp" "udp" ]; default = "tcp"; };
            hostAddress = mkOption { type = types.str; default = "127.0.0.1"; };
            hostPort = mkOption { type = types.port; };
            guestPort = mkOption { type = types.port; };
          };
        });
        default = [ ];
      };
      allow = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Egress allowlist, enforced on the host by the egress proxy: host:port patterns for CONNECT, `http host:port` for plain HTTP.";
      };
      proxy = {
        address = mkOption { type = types.str; default = "10.0.2.100"; description = "Where the guest finds the egress proxy."; };
        port = mkOption { type = types.port; default = 3128; };
      };
    };

    launcher = {
      timeout = mkOption { type = types.ints.unsigned; default = 3600; description = "Wall-clock limit of a run, in seconds; 0 for none."; };
      hostEnv = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Host environment variables passed on to the hypervisor; the launcher clears all others.";
      };
      shares = mkOption {
        type = types.listOf (types.submodule {
          options = {
            tag = mkOption { type = types.str; };
            hostPath = mkOption {
              type = types.str;
              description = "As written, resolved by the launcher: relative to the flake, ~ for the caller's home.";
            };
          };
        });
        default = [ ];
      };
      volumes = mkOption {
        type = types.listOf (types.submodule {
          options = {
            name = mkOption { type = types.str; };
            hostPath = mkOption {
              type = types.str;
              description = "Where the image lives on the host: relative to the flake, ~ for the caller's home, or absolute.";
            };
          };
        });
        default = [ ];
        description = "Persistent volumes the launcher links into its runtime folder as volumes/NAME.img.";
      };
      readOnly9p = mkOption {
        type = types.listOf (types.submodule {
          options = {
            tag = mkOption { type = types.str; };
            source = mkOption { type = types.str; description = "Relative to sandbox-up's runtime folder, like microvm.shares."; };
            mountPoint = mkOption { type = types.str; };
            securityModel = mkOption { type = types.enum [ "passthrough" "none" "mapped" "mapped-file" ]; default = "none"; };
          };
        });
        default = [ ];
        description = "Read-only 9p shares (qemu): kept out of microvm.shares, whose -fsdev cannot say readonly=on.";
      };
      readOnlyTags = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Tags of the shares the host serves read-only (virtiofsd --readonly); the guest also mounts them ro.";
      };
      secrets = mkOption {
        type = types.listOf (types.submodule {
          options = {
            name = mkOption { type = types.str; };
            from = mkOption {
              type = types.str;
              description = "env:VARIABLE, or file:PATH (relative to the flake, ~ for the caller's home).";
            };
          };
        });
        default = [ ];
        description = "Where the launcher reads each secret on the host, into its private runtime folder.";
      };
      keyFiles = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Public key files the launcher reads on the host (relative to the flake, or ~/...).";
      };
    };
  };

  config = mkMerge [
    {
      networking.hostName = cfg.name;

      # Ephemeral guest: users come from this configuration only, nobody has a password.
      users.mutableUsers = false;
      users.allowNoPasswordLogin = true;
      users.users.${user} = {
        isNormalUser = true;
        home = home;
        extraGroups = optional (cfg.user.sudo == "passwordless") "wheel";
        openssh.authorizedKeys.keys = cfg.user.authorizedKeys;
      } // lib.optionalAttrs (cfg.user.initialPassword != null) {
        inherit (cfg.user) initialPassword;
      };
      services.getty.autologinUser = user;

      security.sudo = if cfg.user.sudo == "passwordless" then {
        enable = true;
        wheelNeedsPassword = false;
        execWheelOnly = true;
      } else {
        enable = false;
      };

      environment.systemPackages = lib.mapAttrsToList wrapper cfg.agents;

      programs.git = {
        enable = true;
        config = {
          init.defaultBranch = "main";
          safe.directory = cfg.workdirs;
        } // lib.optionalAttrs (cfg.user.gitName != null || cfg.user.gitEmail != null) {
          user = lib.filterAttrs (_: v: v != null) { name = cfg.user.gitName; email = cfg.user.gitEmail; };
        };
      };

      # The workspace belongs to the host user; the agent keeps its own files at home.
      systemd.tmpfiles.rules = [ "d /run/sandboxc 0755 root root -" "d /run/sandboxc/secrets 0700 ${user} users -" ]
        ++ optional (cfg.audit.dir != null) "d ${cfg.audit.dir} 0750 ${user} users -";
    }

    (mkIf (cfg.user.authorizedKeys != [ ] || cfg.user.authorizedKeysFromHost) {
      services.openssh = {
        enable = true;
        openFirewall = true;
        authorizedKeysFiles = optional cfg.user.authorizedKeysFromHost "/run/sandboxc/host/authorized_keys";
        settings = {
          PasswordAuthentication = false;
          KbdInteractiveAuthentication = false;
          PermitRootLogin = "no";
          AllowUsers = [ user ];
          AllowAgentForwarding = false;
          X11Forwarding = false;
        };
      };
    })

    (mkIf (cfg.secrets != [ ]) {
      # Copies each delivered secret to /run/sandboxc/secrets, readable by the agent user only.
      systemd.services.sandboxc-secrets = {
        description = "Secrets delivered by the host";
        wantedBy = [ "multi-user.target" ];
        after = [ "systemd-tmpfiles-setup.service" "systemd-modules-load.service" "local-fs.target" ];
        serviceConfig = {
          Type = "oneshot";
          RemainAfterExit = true;
        };
        path = [ pkgs.coreutils ];
        script = lib.concatMapStrings (x:
          let
            src = if cfg.secretDelivery == "fw_cfg"
              then "/sys/firmware/qemu_fw_cfg/by_name/${x.fwCfg}/raw"
              else "/run/sandboxc/delivered/${x.name}";
          in ''
            install -m 0400 -o ${lib.escapeShellArg user} -g users ${lib.escapeShellArg src} ${lib.escapeShellArg "/run/sandboxc/secrets/${x.name}"}
          '') cfg.secrets;
      };
    })

    (mkIf (cfg.secrets != [ ] && cfg.secretDelivery == "fw_cfg") {
      # fw_cfg items are files qemu reads from the launcher's runtime folder when it starts:
      # the value is in neither the store, nor qemu's arguments, nor its environment.
      boot.kernelModules = [ "qemu_fw_cfg" ];
      microvm.qemu.extraArgs = lib.concatMap (x: [ "-fw_cfg" "name=${x.fwCfg},file=secrets/${x.name}" ]) cfg.secrets;
    })

    (mkIf (cfg.network.restricted && cfg.network.allow != [ ]) (
      let url = "http://${cfg.network.proxy.address}:${toString cfg.network.proxy.port}"; in {
        # Every tool goes through the proxy; the guest itself needs (and has) no DNS.
        networking.proxy.default = url;
        networking.proxy.noProxy = "127.0.0.1,localhost";
        environment.variables = {
          NPM_CONFIG_PROXY = url;
          NPM_CONFIG_HTTPS_PROXY = url;
        };
        programs.git.config.http.proxy = url;
      }))

    (mkIf (cfg.launcher.readOnly9p != [ ]) {
      # qemu refuses every write to these (readonly=on), whatever the guest's root does;
      # the mount options are microvm.nix's own for 9p shares, plus ro.
      microvm.qemu.extraArgs = lib.concatMap (s: [
        "-fsdev" "local,id=sbxro${s.tag},path=${s.source},security_model=${s.securityModel},readonly=on"
        "-device" "virtio-9p-${devType},fsdev=sbxro${s.tag},mount_tag=${s.tag}"
      ]) cfg.launcher.readOnly9p;
      fileSystems = lib.listToAttrs (map (s: {
        name = s.mountPoint;
        value = {
          device = s.tag;
          fsType = "9p";
          options = [ "trans=virtio" "version=9p2000.L" "msize=65536" "ro" "x-systemd.requires=systemd-modules-load.service" ];
        };
      }) cfg.launcher.readOnly9p);
    })

    {
      # What the devShell's sandbox-up needs to know about the channel: for vsock, which
      # port's socket it appends to which record file, and where it serves the task text.
      sandboxc.records = {
        inherit channel taskTextPort;
        streams = map (s: { inherit (s) name file port; }) serialPorts;
      };
    }

    (mkIf (channel == "virtio-serial" && serialPorts != [ ]) {
      microvm.qemu.extraArgs = [ "-device" "virtio-serial-${devType},id=sbxserial" ]
        ++ lib.concatMap (s: [
          "-chardev" "file,id=sbx${s.name},path=audit/${s.file},append=on"
          "-device" "virtserialport,bus=sbxserial.0,chardev=sbx${s.name},name=org.sandboxc.${s.name}"
        ]) serialPorts;
    })

    (mkIf (channel == "vsock" && serialPorts != [ ]) {
      # microvm.nix gives cloud-hypervisor a vsock device (cid 3, for systemd's notify socket).
      boot.kernelModules = [ "vmw_vsock_virtio_transport" ];
    })

    (mkIf (auditStreams != [ ]) {
      systemd.services = lib.listToAttrs (map (s: {
        name = "sandboxc-audit-${s.name}";
        value = {
          description = "Copy the guest's ${s.name} records to the host as they are written";
          wantedBy = [ "multi-user.target" ];
          after = [ "systemd-journald.service" ] ++ lib.optional (s.name == "exec") "auditd.service";
          serviceConfig = {
            Restart = "always";
            RestartSec = 1;
          } // (if channel == "virtio-serial" then {
            ExecStart = s.command;
            StandardOutput = "file:/dev/virtio-ports/org.sandboxc.${s.name}";
          } else {
            ExecStart = pkgs.writeShellScript "sandboxc-send-${s.name}" ''
              set -o pipefail
              ${s.command} | ${sendTo s}
            '';
          });
        };
      }) auditStreams);
    })

    (mkIf taskEnabled (
      let
        a = cfg.agents.${cfg.task.agent};
        # As the agent user: the text goes in as one argument, byte for byte (the x keeps
        # trailing newlines that $(...) would drop); it is never parsed as shell code.
        runTask = pkgs.writeShellScript "sandboxc-run-task" ''
          task=$(cat /run/sandboxc/task; printf x)
          task=''${task%x}
          exec ${wrapper cfg.task.agent a}/bin/${a.command} ${lib.escapeShellArgs a.taskArgs} "$task"
        '';
        fetchTask =
          if channel == "virtio-serial" then "src=/sys/firmware/qemu_fw_cfg/by_name/opt/sandboxc/task/raw"
          else ''
            src=/run/sandboxc/task.in
            (umask 077 && ${socat} -u VSOCK-CONNECT:2:${toString taskTextPort} STDOUT >"$src") || exit 0
          '';
      in mkMerge [
        (mkIf (channel == "virtio-serial") {
          # The file exists in every run; it is empty unless sandbox-up was given a task.
          microvm.qemu.extraArgs = [ "-fw_cfg" "name=opt/sandboxc/task,file=task" ];
          boot.kernelModules = [ "qemu_fw_cfg" ];
        })
        {
          systemd.services.sandboxc-task = {
            description = "Run the task the host handed in, report its status, power off";
            wantedBy = [ "multi-user.target" ];
            after = [ "sandboxc-secrets.service" "network.target" "systemd-tmpfiles-setup.service" ]
              ++ map (s: "sandboxc-audit-${s.name}.service") auditStreams;
            serviceConfig.Type = "oneshot";
            path = [ pkgs.coreutils pkgs.util-linux pkgs.systemd ];
            # An empty text (a run without --task) leaves the VM to its user.
            script = ''
              ${fetchTask}
              if [ ! -r "$src" ] || [ "$(wc -c <"$src")" -eq 0 ]; then exit 0; fi
              install -m 0400 -o ${lib.escapeShellArg user} -g users "$src" /run/sandboxc/task
              printf 'ready\n' | ${sendTo (portNamed "status")}
              set +e
              runuser -u ${lib.escapeShellArg user} -- env HOME=${lib.escapeShellArg home} USER=${lib.escapeShellArg user} \
                PATH=/run/wrappers/bin:/run/current-system/sw/bin ${runTask} \
                </dev/null 2>&1 | ${sendTo (portNamed "task")}
              status=''${PIPESTATUS[0]}
              set -e
              printf 'exit %d\n' "$status" | ${sendTo (portNamed "status")}
              systemctl poweroff --no-block
            '';
          };
        }
      ]))

    (mkIf cfg.audit.commands {
      # Every program started in the guest, with its arguments.
      security.auditd.enable = true;
      security.audit = {
        enable = true;
        rules = [ "-a exit,always -F arch=b64 -S execve -k sandboxc-exec" ]
          ++ optional pkgs.stdenv.hostPlatform.isx86_64 "-a exit,always -F arch=b32 -S execve -k sandboxc-exec";
      };
    })

    (mkIf cfg.audit.sessions {
      # Interactive shell history, with time stamps, into the journal (tag sandboxc-history),
      # and into the audit folder as a file when one is declared.
      programs.bash.interactiveShellInit =
        lib.optionalString (cfg.audit.dir != null) ''
          export HISTFILE=${lib.escapeShellArg "${cfg.audit.dir}/history"}
        '' + builtins.readFile ./history.sh;
    })

    (mkIf cfg.audit.journal {
      services.journald.extraConfig = ''
        Storage=volatile
        RuntimeMaxUse=256M
      '';
    })

    (mkIf cfg.network.restricted {
      # microvm.nix's own user interface cannot take restrict=on, so the NIC is declared here.
      microvm.qemu.extraArgs =
        let
          fwd = f: "hostfwd=${f.proto}:${f.hostAddress}:${toString f.hostPort}-:${toString f.guestPort}";
          # The guest's only way out: qemu starts the proxy (lib-nix/egress-proxy.py) for each
          # connection to the proxy address; it checks the allowlist, resolves on the host and
          # logs into audit/ of sandbox-up's runtime folder (linked to a per-run folder).
          proxy = pkgs.writeScript "sandboxc-egress-proxy" ("#!${pkgs.python3}/bin/python3\n" + builtins.readFile ./egress-proxy.py);
          allowFile = pkgs.writeText "sandboxc-egress-allow" (lib.concatLines cfg.network.allow);
          log = if cfg.audit.egress then "audit/egress.jsonl" else "/dev/null";
          guestfwd = "guestfwd=tcp:${cfg.network.proxy.address}:${toString cfg.network.proxy.port}-cmd:"
            + "${proxy} --allow ${allowFile} --log ${log}";
        in [
          "-netdev"
          (lib.concatStringsSep "," ([ "user" "id=${cfg.network.id}" "restrict=on" ]
            ++ lib.optional (cfg.network.allow != [ ]) guestfwd ++ map fwd cfg.network.forwards))
          "-device"
          ("virtio-net-${devType},netdev=${cfg.network.id},mac=${cfg.network.mac}"
            + lib.optionalString (requirePci || (mc.cpu == null && pkgs.stdenv.hostPlatform.system != "x86_64-linux")) ",romfile=")
        ];
    })
  ];
}
