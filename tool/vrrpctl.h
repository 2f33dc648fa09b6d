/* SPDX-License-Identifier: GPL-2.0 */
/* What every vrrpctl subcommand gets: the global options. */
#ifndef _VRRPCTL_H
#define _VRRPCTL_H

#include <stdbool.h>

#define VRRPCTL_VERSION "1.0"

/**
 * struct vrrp_ctx - global options
 * @json: print JSON (-j)
 * @pretty: indent the JSON (-p)
 * @stats: print counters (-s)
 * @details: print timer details (-d)
 * @timestamp: monitor prints timestamps (-t)
 * @force: a batch goes on after a failed command (-force)
 * @check: read and check each command, send nothing (-check)
 * @netns: network namespace to run in (-n), or NULL
 * @batch: file of commands (-batch), "-" for stdin, or NULL
 */
struct vrrp_ctx {
	bool json;
	bool pretty;
	bool stats;
	bool details;
	bool timestamp;
	bool force;
	bool check;
	const char *netns;
	const char *batch;
};

/**
 * struct vrrp_usage - the synopsis of one command
 * @synopsis: lines that start with "vrrpctl", each followed by its
 *	continuation lines (indented under the command's arguments)
 * @notes: what "help COMMAND" adds after the synopsis, or NULL
 */
struct vrrp_usage {
	const char *synopsis;
	const char *notes;
};

#endif /* _VRRPCTL_H */
