/* SPDX-License-Identifier: GPL-2.0 */
/* A small streaming JSON writer, compact or pretty. */
#ifndef _VRRPCTL_JSON_H
#define _VRRPCTL_JSON_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>

#define VRRP_JSON_DEPTH_MAX 8

/**
 * struct vrrp_json - writer state
 * @f: output stream
 * @pretty: indent and break lines
 * @depth: number of open objects and arrays
 * @count: members written so far at each depth
 */
struct vrrp_json {
	FILE *f;
	bool pretty;
	int depth;
	unsigned int count[VRRP_JSON_DEPTH_MAX];
};

void vrrp_json_init(struct vrrp_json *j, FILE *f, bool pretty);
void vrrp_json_open_object(struct vrrp_json *j, const char *key);
void vrrp_json_close_object(struct vrrp_json *j);
void vrrp_json_open_array(struct vrrp_json *j, const char *key);
void vrrp_json_close_array(struct vrrp_json *j);
void vrrp_json_string(struct vrrp_json *j, const char *key, const char *val);
void vrrp_json_u64(struct vrrp_json *j, const char *key, __u64 val);
void vrrp_json_bool(struct vrrp_json *j, const char *key, bool val);
void vrrp_json_null(struct vrrp_json *j, const char *key);
void vrrp_json_end(struct vrrp_json *j);

#endif /* _VRRPCTL_JSON_H */
