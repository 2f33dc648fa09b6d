// SPDX-License-Identifier: GPL-2.0
/*
 * "vrrpctl apply": make the running routers those of a file of add and
 * set lines, sending only what differs (conf.c makes the plan): a reload
 * that changes one router leaves the others alone, where flush and a
 * batch would make every Active router announce priority 0.
 * "vrrpctl save": the running routers as such a file.
 *
 * The plan runs through the commands themselves, so that each step is
 * exactly the line -check prints.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <linux/vrrp.h>

#include "apply.h"
#include "conf.h"
#include "netns.h"
#include "nl.h"
#include "router.h"
#include "show.h"
#include "util.h"

const struct vrrp_usage vrrp_usage_apply = {
	.synopsis = "vrrpctl [-check] apply [dev DEV] FILE\n",
	.notes = "       FILE: add and set lines, as -batch reads them; - is stdin;\n"
		 "       -check prints the commands instead of running them\n",
};

const struct vrrp_usage vrrp_usage_save = {
	.synopsis = "vrrpctl save [[dev] DEV]\n",
};

/* vrrp_ifindex_fn in the namespace of the request. */
static int vrrp_apply_ifindex(const char *name, unsigned int *ifindex)
{
	*ifindex = if_nametoindex(name);
	return *ifindex ? 0 : -errno;
}

/* The routers of the namespace (of @dev), with vrrp_nl_perror() on failure. */
static int vrrp_apply_dump(struct vrrp_ctx *ctx, const char *what,
			   const char *dev, struct vrrp_router_list *list)
{
	struct vrrp_nl nl = { 0 };
	unsigned int ifindex = 0;
	struct vrrp_nl_err err;
	int ret;

	if (vrrp_netns_enter(ctx->netns) ||
	    (dev && vrrp_dev_index(dev, &ifindex)) || vrrp_nl_open(&nl))
		return -1;
	ret = vrrp_router_dump(&nl, ifindex, 0, 0, list, &err);
	if (ret)
		vrrp_nl_perror(what, &err);
	vrrp_nl_close(&nl);
	return ret;
}

/* Run one step of a plan as its command line. */
static int vrrp_apply_step(struct vrrp_ctx *ctx, const char *text)
{
	char *argv[VRRP_LINE_WORDS];
	char *line = strdup(text);
	int argc, ret = VRRP_EXIT_FAIL;

	if (!line) {
		vrrp_err("cannot run \"%s\": %s", text, strerror(ENOMEM));
		return VRRP_EXIT_FAIL;
	}
	argc = vrrp_split_words(line, argv, VRRP_LINE_WORDS);
	if (argc > 0 && !strcmp(argv[0], "add"))
		ret = vrrp_cmd_add(ctx, argc - 1, argv + 1);
	else if (argc > 0 && !strcmp(argv[0], "set"))
		ret = vrrp_cmd_set(ctx, argc - 1, argv + 1);
	else if (argc > 0 && !strcmp(argv[0], "del"))
		ret = vrrp_cmd_del(ctx, argc - 1, argv + 1);
	free(line);
	return ret;
}

/*
 * Run every step, the failed ones too: each router is on its own. An
 * error names the line of the file the router comes from. A router made
 * again (its delete and its add, one after the other) whose add fails is
 * put back as it ran.
 */
static int vrrp_apply_run(const struct vrrp_ctx *ctx,
			  const struct vrrp_plan *plan, const char *file)
{
	unsigned int saved_line = vrrp_err_line;
	const char *saved_file = vrrp_err_file;
	struct vrrp_ctx c = *ctx;
	int ret = VRRP_EXIT_OK;
	bool done = false;
	size_t i;

	/* In the namespace already, for the dump. */
	c.netns = NULL;
	for (i = 0; i < plan->n; i++) {
		vrrp_err_file = plan->s[i].line ? file : NULL;
		vrrp_err_line = plan->s[i].line;
		if (vrrp_apply_step(&c, plan->s[i].text) == VRRP_EXIT_OK) {
			done = true;
			continue;
		}
		ret = VRRP_EXIT_FAIL;
		/* The add after a delete that was done. */
		if (i && done && plan->s[i - 1].undo &&
		    vrrp_apply_step(&c, plan->s[i - 1].undo) == VRRP_EXIT_OK)
			vrrp_err("the router as it ran is back");
		done = false;
	}
	vrrp_err_file = saved_file;
	vrrp_err_line = saved_line;
	return ret;
}

/* apply [dev DEV] FILE */
static int vrrp_apply_args(int argc, char **argv, const char **dev,
			   const char **file)
{
	const char *val;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "dev")) {
			val = vrrp_arg_value(argc, argv, &i);
			if (!val || vrrp_parse_dev(val, dev))
				return -1;
		} else if (!*file) {
			*file = argv[i];
		} else {
			vrrp_err("apply: too many arguments: \"%s\"", argv[i]);
			return -1;
		}
	}
	if (!*file) {
		vrrp_err("apply: missing FILE");
		return -1;
	}
	return 0;
}

/**
 * vrrp_cmd_apply() - "vrrpctl apply": make the running routers the file's
 * @ctx: global options; -check prints the plan instead of running it
 * @argc: number of words after "apply"
 * @argv: the words after "apply"
 *
 * A file with a mistake changes nothing. A router whose interface (or a
 * tracked one) is missing is reported and skipped, which is no failure.
 *
 * Return: an exit code: 1 if any command failed (the others ran).
 */
int vrrp_cmd_apply(struct vrrp_ctx *ctx, int argc, char **argv)
{
	struct vrrp_router_list running = { 0 };
	const char *dev = NULL, *file = NULL;
	struct vrrp_conf conf = { 0 };
	struct vrrp_plan plan = { 0 };
	int ret = VRRP_EXIT_FAIL;
	bool std;
	FILE *f;

	if (vrrp_apply_args(argc, argv, &dev, &file))
		return VRRP_EXIT_USAGE;
	std = !strcmp(file, "-");
	f = std ? stdin : fopen(file, "r");
	if (!f) {
		vrrp_err("cannot open \"%s\": %s", file, strerror(errno));
		return VRRP_EXIT_FAIL;
	}
	conf.file = std ? "stdin" : file;
	if (vrrp_conf_read(&conf, f))
		goto out;
	/* Even with -check: the plan is against what runs. */
	if (vrrp_apply_dump(ctx, "apply", NULL, &running) ||
	    vrrp_plan_make(&plan, &conf, &running, dev, vrrp_apply_ifindex))
		goto out;
	if (ctx->check) {
		vrrp_plan_print(stdout, &plan);
		ret = VRRP_EXIT_OK;
	} else {
		ret = vrrp_apply_run(ctx, &plan, conf.file);
	}
out:
	vrrp_plan_free(&plan);
	vrrp_router_list_free(&running);
	vrrp_conf_free(&conf);
	if (!std)
		fclose(f);
	return ret;
}

/* One router's line, whole or not at all: half a router is another. */
static int vrrp_save_router(const struct vrrp_router_info *r)
{
	char *text = NULL;
	size_t len;
	FILE *f;
	int ret;

	f = open_memstream(&text, &len);
	if (!f) {
		vrrp_err("save: %s", strerror(errno));
		return -1;
	}
	ret = vrrp_conf_print_add(f, r);
	if (fclose(f) || !text) {
		vrrp_err("save: %s", strerror(ENOMEM));
		ret = -1;
	}
	if (!ret)
		printf("%s\n", text);
	free(text);
	return ret;
}

/**
 * vrrp_cmd_save() - "vrrpctl save": the running routers as add lines
 * @ctx: global options
 * @argc: number of words after "save"
 * @argv: the words after "save"
 *
 * What "apply" takes back with no change. The state of a health check is
 * not configuration, and not written.
 *
 * Return: an exit code: 1 if a router could not be written whole.
 */
int vrrp_cmd_save(struct vrrp_ctx *ctx, int argc, char **argv)
{
	struct vrrp_router_list list = { 0 };
	int ret = VRRP_EXIT_OK;
	const char *dev = NULL;
	size_t i;

	if (vrrp_parse_only_dev("save", argc, argv, &dev))
		return VRRP_EXIT_USAGE;
	/* -check: the command was read and checked; nothing is read. */
	if (ctx->check)
		return VRRP_EXIT_OK;
	if (vrrp_apply_dump(ctx, "save", dev, &list))
		return VRRP_EXIT_FAIL;
	for (i = 0; i < list.n; i++) {
		struct vrrp_router_info *r = &list.r[i];

		vrrp_conf_defaults(r);
		if (vrrp_save_router(r))
			ret = VRRP_EXIT_FAIL;
	}
	vrrp_router_list_free(&list);
	return ret;
}
