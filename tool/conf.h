/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration as vrrpctl lines: a file of add and set lines read
 * into the routers it describes, a router written as its add line, and
 * the plan that takes the running routers to those of a file. No
 * netlink here: "apply" and "save" (apply.c) bring the running routers.
 */
#ifndef _VRRPCTL_CONF_H
#define _VRRPCTL_CONF_H

#include <stdbool.h>
#include <stdio.h>

#include "show.h"

/**
 * struct vrrp_conf_router - a router of a configuration file
 * @r: what the file says, the defaults filled in (->ifindex and the
 *	tracked interfaces' are resolved by vrrp_plan_make())
 * @line: the line of its add
 */
struct vrrp_conf_router {
	struct vrrp_router_info r;
	unsigned int line;
};

/**
 * struct vrrp_conf - the routers of a configuration file
 * @file: its name in messages ("stdin" for -)
 * @r: the routers, in the order of their add lines
 * @n: number of routers in @r
 * @size: allocated entries of @r
 */
struct vrrp_conf {
	const char *file;
	struct vrrp_conf_router *r;
	size_t n;
	size_t size;
};

/**
 * struct vrrp_step - one command of a plan
 * @text: the command in the syntax of -batch, perhaps with a comment
 * @line: the line of the file that asks for it, 0 for a router that is
 *	only running
 * @undo: for the delete of a router made again, the add of the router as
 *	it runs: what puts it back when the add that follows fails (a
 *	configuration the kernel refuses costs no router), or NULL
 */
struct vrrp_step {
	char *text;
	unsigned int line;
	char *undo;
};

/**
 * struct vrrp_plan - the commands that make the running routers the
 *	file's: del, then set (or del and add where set cannot), then add
 * @s: the steps, in the order they run
 * @n: number of steps in @s
 * @size: allocated entries of @s
 */
struct vrrp_plan {
	struct vrrp_step *s;
	size_t n;
	size_t size;
};

/*
 * The index of an interface in the namespace: 0, or a negative errno
 * (-ENODEV when there is none). Tests give a table of their own.
 */
typedef int (*vrrp_ifindex_fn)(const char *name, unsigned int *ifindex);

int vrrp_conf_read(struct vrrp_conf *conf, FILE *f);
void vrrp_conf_free(struct vrrp_conf *conf);
void vrrp_conf_defaults(struct vrrp_router_info *r);
int vrrp_conf_print_add(FILE *f, const struct vrrp_router_info *r);
int vrrp_plan_make(struct vrrp_plan *plan, struct vrrp_conf *conf,
		   struct vrrp_router_list *running, const char *dev,
		   vrrp_ifindex_fn ifindex);
void vrrp_plan_print(FILE *f, const struct vrrp_plan *plan);
void vrrp_plan_free(struct vrrp_plan *plan);

#endif /* _VRRPCTL_CONF_H */
