// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the smoke-boot initramfs of scripts/cross-boot.sh: load
 * /vrrp.ko, check that the kernel lists it, unload it, then reboot (qemu
 * runs with -no-reboot, so it exits). Static and libc-only, so one source
 * serves every cross target without a busybox for it (Debian has none for
 * big-endian MIPS). Each step prints one "cross-init: " line the script
 * greps for.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>

static int step(const char *what, int ok)
{
	printf("cross-init: %s %s\n", what, ok ? "ok" : "FAILED");
	fflush(stdout);
	return ok;
}

static int listed(void)
{
	char line[256];
	FILE *f = fopen("/proc/modules", "r");
	int found = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "vrrp ", 5))
			found = 1;
	fclose(f);
	return found;
}

int main(void)
{
	int fd, ok;

	mount("proc", "/proc", "proc", 0, NULL);
	fd = open("/vrrp.ko", O_RDONLY | O_CLOEXEC);
	ok = step("insmod", fd >= 0 &&
		  syscall(SYS_finit_module, fd, "", 0) == 0);
	if (ok)
		ok = step("listed", listed());
	if (ok)
		ok = step("rmmod",
			  syscall(SYS_delete_module, "vrrp", O_NONBLOCK) == 0);
	if (ok)
		step("unlisted", !listed());
	sync();
	reboot(RB_AUTOBOOT);
	return 0;
}
