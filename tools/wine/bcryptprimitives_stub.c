/* bcryptprimitives.dll for a Wine prefix only: never part of the bundle or the installer.
 *
 * Rust's standard library (in cryptography's _rust.pyd, which pyHanko's signing uses) draws random bytes from
 * ProcessPrng() in Windows' bcryptprimitives.dll (in System32 since Windows 8/10). Wine 8.0 has no such DLL,
 * so the module would not load. This stub forwards to RtlGenRandom (advapi32's SystemFunction036), the
 * same system generator. tools/build_windows_wine.sh compiles it with mingw-w64 into the prefixes' system32.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
