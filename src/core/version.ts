/** Written into every bundle so a model says which Sift made it. Keep in step with package.json. */
export const SIFT_VERSION = '0.2.0';
