# SPDX-License-Identifier: GPL-2.0
#
# Top-level Makefile: the module (kernel/), the tool (tool/), code
# generation, static checks and the VM test suite.

# The kernel to build against: the running kernel's build directory when it
# exists, else the newest Debian headers installed.
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1))

# Where the 6.12 kernel source is unpacked (scripts/deps.sh puts it there).
KSRC ?= /usr/src/linux-source-6.12
export KSRC

all: module tool

module:
	@test -n "$(KDIR)" || { echo "No kernel headers found: set KDIR or run make build-deps" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kernel modules

# Build the module for another installed kernel in build/$(KVER)/, so that
# modules for several kernels can coexist (kbuild builds in the source tree).
# MODKDIR= builds against a kernel tree that is not installed (the debug
# kernel of scripts/debug-kernel.sh).
MODKDIR = $(or $(wildcard /lib/modules/$(KVER)/build),/usr/src/linux-headers-$(KVER))

module-for:
	@test -n "$(KVER)" || { echo "usage: make module-for KVER=<version>" >&2; exit 2; }
	@mkdir -p build/$(KVER)
	@rm -rf build/$(KVER)/kernel build/$(KVER)/include
	@cp -r kernel include build/$(KVER)/
	$(MAKE) -C $(MODKDIR) M=$(CURDIR)/build/$(KVER)/kernel modules

tool:
	$(MAKE) -C tool

# Static checks: W=1 and sparse builds, checkpatch, kernel-doc.
w1:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kernel W=1 modules

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kernel C=2 modules

style:
	scripts/checkpatch.sh

# The module with W=1 against every supported kernel, 5.10 to the newest
# Debian ships (scripts/kernels.sh fetches the foreign ones once, into
# /var/cache/vrrp): a table of kernel, built, warnings.
kernels:
	scripts/kernels.sh

# Cross-build W=1 for arm64, armhf and big-endian 32-bit MIPS against the
# cached 6.12 trees of scripts/cross-trees.sh, with modpost's check that
# every symbol used is exported (SPARSE=1 adds sparse).
cross:
	scripts/cross-check.sh

cross-trees:
	scripts/cross-trees.sh

# The MIPS kernel booted in qemu-system-mips -M malta: loads and unloads
# the cross-built vrrp.ko.
cross-boot:
	scripts/cross-boot.sh

# Two MIPS guests on one emulated LAN electing, failing over and handing
# over; their advertisements compared byte for byte with x86-64's.
cross-pair:
	scripts/cross-pair.sh

# Regenerate the uapi header and the netlink policy code from the spec.
regen:
	scripts/ynl-regen.sh

regen-check:
	scripts/ynl-regen.sh --check

# Everything check, demo and the VM suite need (test kernels included).
deps:
	scripts/deps.sh

# Only what building and installing needs, for the running kernel (KVER=
# another): no kernel image, no test tools.
build-deps:
	scripts/deps.sh --build

# The 6.12 debug kernel for the VM suite (cached in /var/cache/vrrp).
debug-kernel:
	scripts/debug-kernel.sh

check:
	scripts/check.sh

# Every selftest on every kernel, the debug and PREEMPT_RT ones included
# (longer than make check's hour; run before resolving).
check-full:
	FULL=1 scripts/check.sh

# Mutation testing: the module with one deliberate defect at a time, and
# the selftests that must catch it (not part of check: over an hour).
mutants:
	scripts/deps.sh
	scripts/mutants.sh

demo:
	scripts/demo.sh

# Installation: the module for the kernel of KDIR, vrrpctl, its man page
# and bash completion. DESTDIR stages, PREFIX (default /usr) places the
# tool; depmod runs when installing for real.
VERSION := $(shell sed -n 's/^\#define VRRPCTL_VERSION "\(.*\)"/\1/p' tool/vrrpctl.h)
PREFIX ?= /usr
SYSCONFDIR ?= /etc
KVER ?= $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)
MODDIR = $(DESTDIR)/lib/modules/$(KVER)/updates

install: module tool
	@test -n "$(KVER)" || { echo "cannot tell the kernel release of $(KDIR): set KVER" >&2; exit 1; }
	install -D -m 0644 kernel/vrrp.ko $(MODDIR)/vrrp.ko
	$(if $(DESTDIR),,depmod -a $(KVER))
	$(MAKE) -C tool install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

# The example boot-time configuration, systemd unit and init script, the
# metrics for node_exporter's textfile collector (script, unit, timer),
# the notify service (unit, example script), the health check runner
# (script, man page, template unit, and the directory of its
# configurations) and the udev rule for interfaces that come back.
install-service:
	install -D -m 0644 packaging/vrrp.service \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/vrrp.service
	install -D -m 0755 packaging/vrrp-metrics $(DESTDIR)$(PREFIX)/sbin/vrrp-metrics
	install -D -m 0644 packaging/vrrp-metrics.service \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/vrrp-metrics.service
	install -D -m 0644 packaging/vrrp-metrics.timer \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/vrrp-metrics.timer
	install -D -m 0644 packaging/99-vrrp.rules \
		$(DESTDIR)$(PREFIX)/lib/udev/rules.d/99-vrrp.rules
	install -D -m 0644 packaging/vrrp-notify.service \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/vrrp-notify.service
	install -D -m 0644 packaging/notify.sh.example \
		$(DESTDIR)$(SYSCONFDIR)/vrrp/notify.sh.example
	install -D -m 0755 packaging/vrrp.init $(DESTDIR)$(SYSCONFDIR)/init.d/vrrp
	install -D -m 0644 packaging/vrrp.conf.example \
		$(DESTDIR)$(SYSCONFDIR)/vrrp/vrrp.conf.example
	install -D -m 0755 packaging/vrrp-check $(DESTDIR)$(PREFIX)/sbin/vrrp-check
	install -D -m 0644 tool/man/vrrp-check.8 \
		$(DESTDIR)$(PREFIX)/share/man/man8/vrrp-check.8
	install -D -m 0644 packaging/vrrp-check@.service \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/vrrp-check@.service
	install -d $(DESTDIR)$(SYSCONFDIR)/vrrp/check.d

# DKMS: the module source and dkms.conf in $(DKMS_SRC) (/usr/src/vrrp-
# VERSION), then dkms add, build and install for the running kernel (or
# KVER). "make dkms-src DKMS_SRC=dir" only copies.
DKMS_SRC ?= $(DESTDIR)/usr/src/vrrp-$(VERSION)
DKMS_KVER ?= $(shell uname -r)

dkms-src:
	rm -rf $(DKMS_SRC)
	mkdir -p $(DKMS_SRC)/include/uapi/linux
	cp -r kernel $(DKMS_SRC)/
	rm -f $(DKMS_SRC)/kernel/*.o $(DKMS_SRC)/kernel/*.ko $(DKMS_SRC)/kernel/.*.cmd
	cp include/uapi/linux/vrrp.h $(DKMS_SRC)/include/uapi/linux/
	sed 's/@VERSION@/$(VERSION)/' dkms.conf > $(DKMS_SRC)/dkms.conf

dkms: dkms-src
	@command -v dkms > /dev/null || { echo "dkms is not installed: run make build-deps" >&2; exit 1; }
	dkms add -m vrrp -v $(VERSION)
	dkms build -m vrrp -v $(VERSION) -k $(DKMS_KVER)
	dkms install -m vrrp -v $(VERSION) -k $(DKMS_KVER)

dkms-remove:
	dkms remove -m vrrp -v $(VERSION) --all
	rm -rf $(DKMS_SRC)

# Copy the module into a kernel tree as net/vrrp/ (built in or modular with
# CONFIG_VRRP): make intree TREE=/path/to/linux
intree:
	scripts/intree.sh $(TREE)

# The failover benchmark against keepalived and FRR in a VM (bench/run;
# not part of check: it measures, it never fails on timing).
bench:
	scripts/deps.sh --bench
	bench/run

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/kernel clean
	-$(MAKE) -C tool clean
	rm -rf build out

.PHONY: all module module-for tool w1 sparse kernels style regen regen-check cross cross-trees cross-boot cross-pair deps build-deps debug-kernel check check-full mutants demo bench clean \
	install install-service dkms-src dkms dkms-remove intree
