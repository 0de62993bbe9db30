import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { SafeText } from '../console/safe-text.js';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString({ message: 'username 必须是字符串' })
  @SafeText('用户名')
  @MinLength(1, { message: '请输入用户名' })
  @MaxLength(64, { message: '用户名不能超过 64 个字符' })
  username: string;

  @ApiProperty()
  @IsString({ message: 'password 必须是字符串' })
  @MinLength(1, { message: '请输入密码' })
  @MaxLength(PASSWORD_MAX, { message: `密码不能超过 ${PASSWORD_MAX} 个字符` })
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: 'currentPassword 必须是字符串' })
  @MaxLength(PASSWORD_MAX, { message: `密码不能超过 ${PASSWORD_MAX} 个字符` })
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN })
  @IsString({ message: 'newPassword 必须是字符串' })
  @MinLength(PASSWORD_MIN, { message: `新密码至少 ${PASSWORD_MIN} 个字符` })
  @MaxLength(PASSWORD_MAX, { message: `新密码不能超过 ${PASSWORD_MAX} 个字符` })
  newPassword: string;
}
