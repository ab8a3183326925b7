/* Reset and fault handling for the Cortex-M boards the firmware and the
 * target tests run on (QEMU mps2-an385; any M0+/M3/M4 with the linker
 * script mps2.ld). Reset copies .data from flash, enables the FPU when the
 * code was built for one, and hands over to newlib rdimon's _start, which
 * zeroes .bss, fetches argv over semihosting, runs main and passes its
 * return value to the host as QEMU's exit status. */
#include <stdint.h>

extern uint32_t _sidata, _sdata, _edata, _estack;
extern void _start(void);
extern void _exit(int status);

void Reset_Handler(void);
void Fault_Handler(void);

void Reset_Handler(void) {
    uint32_t *src = &_sidata, *dst = &_sdata;
    while (dst < &_edata) *dst++ = *src++;
#if defined(__ARM_FP)
    /* CP10/CP11 full access, or the first float instruction faults */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm volatile("dsb\n isb");
#endif
    _start();
    for (;;) {}
}

/* Any fault ends the run with a status the tests recognise. */
void Fault_Handler(void) { _exit(99); }

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(uintptr_t)&_estack, /* initial stack pointer */
    Reset_Handler,
    Fault_Handler, /* NMI */
    Fault_Handler, /* HardFault */
    Fault_Handler, /* MemManage */
    Fault_Handler, /* BusFault */
    Fault_Handler, /* UsageFault */
    0, 0, 0, 0,
    Fault_Handler, /* SVCall */
    Fault_Handler, /* DebugMon */
    0,
    Fault_Handler, /* PendSV */
    Fault_Handler, /* SysTick */
};
