import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@app/auth';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/auth.dto.js';
import { SafeText } from './safe-text.js';

const ROLE_MESSAGE = `role 只能是 ${ROLES.join('、')}（管理员、编辑、话务员）`;

export class CreateUserDto {
  @ApiProperty({ example: 'zhangsan', description: '字母、数字和 _.- ，2–64 位' })
  @IsString({ message: 'username 必须是字符串' })
  @Matches(/^[A-Za-z0-9_.-]{2,64}$/, { message: '用户名只能包含字母、数字和 _.-，长度 2–64 位' })
  username: string;

  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @IsString({ message: 'displayName 必须是字符串' })
  @SafeText('显示名')
  @MaxLength(64, { message: '显示名不能超过 64 个字符' })
  displayName?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;

  @ApiProperty({ minLength: PASSWORD_MIN })
  @IsString({ message: 'password 必须是字符串' })
  @MinLength(PASSWORD_MIN, { message: `密码至少 ${PASSWORD_MIN} 个字符` })
  @MaxLength(PASSWORD_MAX, { message: `密码不能超过 ${PASSWORD_MAX} 个字符` })
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'displayName 必须是字符串' })
  @SafeText('显示名')
  @MaxLength(64, { message: '显示名不能超过 64 个字符' })
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'disabled 必须是 true 或 false' })
  disabled?: boolean;

  @ApiPropertyOptional({ minLength: PASSWORD_MIN })
  @IsOptional()
  @IsString({ message: 'newPassword 必须是字符串' })
  @MinLength(PASSWORD_MIN, { message: `新密码至少 ${PASSWORD_MIN} 个字符` })
  @MaxLength(PASSWORD_MAX, { message: `新密码不能超过 ${PASSWORD_MAX} 个字符` })
  newPassword?: string;
}
