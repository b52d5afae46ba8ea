/** The text of simdKernels.generated.ts as the current simdKernels.wat would produce it. */
export function assemble(): Promise<string>;
