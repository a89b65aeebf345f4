/** An error whose message is shown to the user (in Vietnamese) with a stable code for programs. */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `Không tìm thấy ${what}.`, 404);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') => new AppError('FORBIDDEN', message, 403);
export const badRequest = (code: string, message: string, details?: unknown) => new AppError(code, message, 400, details);
export const conflict = (code: string, message: string) => new AppError(code, message, 409);
