/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print path for text and JSON, in the manner of iproute2's
 * json_print: each field is printed by one call that names its JSON key
 * and its text format, and the output mode picks which is written.
 */
#ifndef _VRRPCTL_PRINT_H
#define _VRRPCTL_PRINT_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>

#include "util.h"

/**
 * enum vrrp_print_type - where a field goes
 * @VRRP_PRINT_FP: text output only
 * @VRRP_PRINT_JSON: JSON output only
 * @VRRP_PRINT_ANY: both; the mode decides
 *
 * 0 prints nothing, so a caller can compute the type from an option.
 */
enum vrrp_print_type {
	VRRP_PRINT_FP = 1,
	VRRP_PRINT_JSON = 2,
	VRRP_PRINT_ANY = VRRP_PRINT_FP | VRRP_PRINT_JSON,
};

void vrrp_print_start(bool json, bool pretty);
void vrrp_print_end(void);
bool vrrp_print_is_json(void);
void vrrp_open_object(const char *key);
void vrrp_close_object(void);
void vrrp_open_array(const char *key);
void vrrp_close_array(void);
void vrrp_print_uint(int type, const char *key, const char *fmt,
		     unsigned int val);
void vrrp_print_u64(int type, const char *key, const char *fmt, __u64 val);
void vrrp_print_string(int type, const char *key, const char *fmt,
		       const char *val);
void vrrp_print_bool_as(int type, const char *key, const char *fmt, bool val,
			const char *yes, const char *no);
void vrrp_print_on_off(int type, const char *key, const char *fmt, bool val);
void vrrp_print_null(int type, const char *key, const char *fmt,
		     const char *text);
__printf(2, 3) void vrrp_print_fp(int type, const char *fmt, ...);
void vrrp_print_nl(int type);

#endif /* _VRRPCTL_PRINT_H */
